package io.github.umamispring.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

import io.github.umamispring.web.UmamiPrivacyPolicy.RequestFacts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.Assert;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@link UmamiVisitorCapture} and {@link UmamiReactiveVisitorCapture} for WebFlux
 * applications: reads the exchange that {@link ServerWebExchangeContextFilter} puts in
 * the Reactor context. The client address is
 * {@link ServerHttpRequest#getRemoteAddress()}, which reflects {@code X-Forwarded-For}
 * only when forwarded headers are handled ({@code server.forward-headers-strategy}).
 *
 * @author umami-spring-boot contributors
 */
public class WebFluxUmamiVisitorCapture implements UmamiVisitorCapture, UmamiReactiveVisitorCapture {

	private final UmamiPrivacyPolicy policy;

	private final @Nullable UmamiDistinctIdResolver distinctIdResolver;

	public WebFluxUmamiVisitorCapture(UmamiPrivacyPolicy policy, @Nullable UmamiDistinctIdResolver distinctIdResolver) {
		Assert.notNull(policy, "'policy' must not be null");
		this.policy = policy;
		this.distinctIdResolver = distinctIdResolver;
	}

	/**
	 * Capture the exchange restored on the calling thread by Reactor's automatic context
	 * propagation (see {@link ServerWebExchangeThreadLocal}), without a distinct id
	 * (resolving the principal of a reactive request cannot be done without waiting).
	 * @return the capture, or {@code null} when no exchange is restored on the thread
	 */
	@Override
	public @Nullable CapturedVisitor captureCurrentVisitor() {
		ServerWebExchange exchange = ServerWebExchangeThreadLocal.get();
		return (exchange != null) ? captureRequest(exchange.getRequest()) : null;
	}

	@Override
	public Mono<CapturedVisitor> captureVisitor(ContextView context) {
		return Mono.justOrEmpty(ServerWebExchangeContextFilter.getExchange(context)).flatMap(this::capture);
	}

	/**
	 * Capture the given exchange.
	 * @param exchange the exchange
	 * @return the capture
	 */
	public Mono<CapturedVisitor> capture(ServerWebExchange exchange) {
		CapturedVisitor captured = captureRequest(exchange.getRequest());
		UmamiDistinctIdResolver resolver = this.distinctIdResolver;
		if (!captured.isTracked() || resolver == null) {
			return Mono.just(captured);
		}
		return exchange.getPrincipal()
			.mapNotNull((principal) -> UmamiPrivacyPolicy.resolveDistinctId(resolver, principal))
			.map(captured::withDistinctId)
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(captured);
	}

	/**
	 * Capture the given request, without a distinct id.
	 * @param request the request
	 * @return the capture
	 */
	public CapturedVisitor captureRequest(ServerHttpRequest request) {
		URI uri = request.getURI();
		String path = uri.getRawPath();
		String query = uri.getRawQuery();
		HttpHeaders headers = request.getHeaders();
		RequestFacts facts = new RequestFacts(request.getPath().pathWithinApplication().value(), uri.getHost(),
				(query != null) ? path + "?" + query : path, headers.getFirst(HttpHeaders.REFERER),
				headers.getFirst(HttpHeaders.ACCEPT_LANGUAGE), headers.getFirst(HttpHeaders.USER_AGENT),
				remoteAddress(request.getRemoteAddress()),
				headers.getFirst(UmamiPrivacyPolicy.GLOBAL_PRIVACY_CONTROL_HEADER));
		return this.policy.capture(facts);
	}

	private static @Nullable String remoteAddress(@Nullable InetSocketAddress address) {
		if (address == null) {
			return null;
		}
		InetAddress inetAddress = address.getAddress();
		return (inetAddress != null) ? inetAddress.getHostAddress() : address.getHostString();
	}

}
