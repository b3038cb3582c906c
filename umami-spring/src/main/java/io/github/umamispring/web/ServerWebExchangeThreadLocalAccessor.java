package io.github.umamispring.web;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * {@link ThreadLocalAccessor} through which Reactor's automatic context propagation
 * restores the WebFlux exchange on the threads that run a request's work. Registered the
 * context-propagation library's way, through
 * {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}, so that the
 * library loads it once with its registry.
 * <p>
 * Refers to no Spring web type: the library loads every registered accessor, also in
 * applications without Spring's web module.
 *
 * @author umami-spring-boot contributors
 * @see ServerWebExchangeThreadLocal
 */
public final class ServerWebExchangeThreadLocalAccessor implements ThreadLocalAccessor<Object> {

	@Override
	public Object key() {
		return ServerWebExchangeThreadLocal.KEY;
	}

	@Override
	public @Nullable Object getValue() {
		return ServerWebExchangeThreadLocal.value();
	}

	@Override
	public void setValue(Object value) {
		ServerWebExchangeThreadLocal.set(value);
	}

	@Override
	public void setValue() {
		ServerWebExchangeThreadLocal.remove();
	}

}
