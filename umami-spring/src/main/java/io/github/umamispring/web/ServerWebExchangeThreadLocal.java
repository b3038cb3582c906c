package io.github.umamispring.web;

import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Gives the WebFlux exchange of the calling thread when Reactor's automatic context
 * propagation restores it from the Reactor context: with
 * {@code spring.reactor.context-propagation=auto} and Micrometer's context-propagation
 * library, {@link ServerWebExchangeThreadLocalAccessor} restores the exchange that
 * {@link ServerWebExchangeContextFilter} stores. This lets {@code @TrackEvent} methods
 * returning a plain value or a {@code CompletionStage} see their request. Only the
 * context-propagation library sets it.
 *
 * @author umami-spring-boot contributors
 */
final class ServerWebExchangeThreadLocal {

	/**
	 * Key of the exchange in the Reactor context, the value of
	 * {@link ServerWebExchangeContextFilter#EXCHANGE_CONTEXT_ATTRIBUTE} (which is not a
	 * compile-time constant: referring to it would load Spring's web module).
	 */
	static final String KEY = "org.springframework.web.filter.reactive.ServerWebExchangeContextFilter.EXCHANGE_CONTEXT";

	/**
	 * Typed {@code Object}, so that the accessor loads this class without Spring's web
	 * module.
	 */
	private static final ThreadLocal<Object> exchange = new ThreadLocal<>();

	private ServerWebExchangeThreadLocal() {
	}

	/**
	 * Return the exchange restored on the calling thread.
	 * @return the exchange or {@code null}
	 */
	static @Nullable ServerWebExchange get() {
		return (exchange.get() instanceof ServerWebExchange current) ? current : null;
	}

	static @Nullable Object value() {
		return exchange.get();
	}

	static void set(Object value) {
		exchange.set(value);
	}

	static void remove() {
		exchange.remove();
	}

}
