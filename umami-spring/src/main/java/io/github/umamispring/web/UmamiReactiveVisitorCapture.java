package io.github.umamispring.web;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Captures the visitor of the WebFlux request a Reactor subscription belongs to, from the
 * exchange that
 * {@link org.springframework.web.filter.reactive.ServerWebExchangeContextFilter} puts in
 * the Reactor context. {@code @TrackEvent} methods returning a {@code Mono} or a
 * {@code Flux} record their events with it when they complete.
 *
 * @author umami-spring-boot contributors
 * @see WebFluxUmamiVisitorCapture
 */
@FunctionalInterface
public interface UmamiReactiveVisitorCapture {

	/**
	 * Capture the visitor of the request held by a Reactor context.
	 * @param context the context of the subscription
	 * @return the capture, empty when the context holds no request
	 */
	Mono<CapturedVisitor> captureVisitor(ContextView context);

	/**
	 * Return a capture that never sees a request, for applications without WebFlux.
	 * @return the capture
	 */
	static UmamiReactiveVisitorCapture none() {
		return (context) -> Mono.empty();
	}

}
