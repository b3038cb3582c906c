package io.github.umamispring.web;

import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Holds the WebFlux exchange of the calling thread when Reactor's automatic context
 * propagation restores it from the Reactor context: with
 * {@code spring.reactor.context-propagation=auto} and Micrometer's context-propagation
 * library, the auto-configuration registers {@link #THREAD_LOCAL} for the key under which
 * {@link ServerWebExchangeContextFilter} stores the exchange. This lets
 * {@code @TrackEvent} methods returning a plain value or a {@code CompletionStage} see
 * their request.
 *
 * @author umami-spring-boot contributors
 */
public final class ServerWebExchangeThreadLocal {

	/**
	 * Key of the exchange in the Reactor context.
	 */
	public static final String KEY = ServerWebExchangeContextFilter.EXCHANGE_CONTEXT_ATTRIBUTE;

	/**
	 * The exchange restored on the calling thread, if any.
	 */
	public static final ThreadLocal<ServerWebExchange> THREAD_LOCAL = new ThreadLocal<>();

	private ServerWebExchangeThreadLocal() {
	}

	/**
	 * Return the exchange restored on the calling thread.
	 * @return the exchange or {@code null}
	 */
	public static @Nullable ServerWebExchange get() {
		return THREAD_LOCAL.get();
	}

}
