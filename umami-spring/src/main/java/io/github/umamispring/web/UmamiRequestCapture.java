package io.github.umamispring.web;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Captures the visitor of the HTTP request an event belongs to. The auto-configured
 * implementation matches the application's web stack.
 *
 * @author umami-spring-boot contributors
 * @see ServletUmamiRequestCapture
 * @see ReactiveUmamiRequestCapture
 */
public interface UmamiRequestCapture {

	/**
	 * Capture the request bound to the calling thread (a servlet request). Call it on the
	 * thread that handles the request: the request is not visible from other threads.
	 * @return the capture, or {@code null} when no request is bound to the thread
	 */
	@Nullable CapturedRequest captureCurrentRequest();

	/**
	 * Capture the request held by a Reactor context (a WebFlux exchange registered by
	 * {@link org.springframework.web.filter.reactive.ServerWebExchangeContextFilter}).
	 * @param context the context of the subscription
	 * @return the capture, empty when the context holds no request
	 */
	Mono<CapturedRequest> capture(ContextView context);

	/**
	 * Return a capture that never sees a request, for applications without a web stack:
	 * every event is sent with the configured defaults.
	 * @return the capture
	 */
	static UmamiRequestCapture none() {
		return NoRequestCapture.INSTANCE;
	}

}
