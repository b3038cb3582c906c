package io.github.umamispring.aop;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.Assert;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Reports at startup, once per method, the WebFlux handler methods whose
 * {@link io.github.umamispring.annotation.TrackEvent @TrackEvent} events would be
 * recorded without the visitor, naming the method and the fix. Register it as a bean in a
 * WebFlux application.
 *
 * @author umami-spring-boot contributors
 */
public final class TrackEventHandlerMethodCheck implements SmartInitializingSingleton {

	private final TrackEventInterceptor interceptor;

	private final Supplier<Stream<RequestMappingHandlerMapping>> handlerMappings;

	/**
	 * Create a check.
	 * @param interceptor the interceptor whose methods to check
	 * @param handlerMappings supplies the application's handler mappings, asked once all
	 * singletons are created
	 */
	public TrackEventHandlerMethodCheck(TrackEventInterceptor interceptor,
			Supplier<Stream<RequestMappingHandlerMapping>> handlerMappings) {
		Assert.notNull(interceptor, "'interceptor' must not be null");
		Assert.notNull(handlerMappings, "'handlerMappings' must not be null");
		this.interceptor = interceptor;
		this.handlerMappings = handlerMappings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.handlerMappings.get()
			.flatMap((mapping) -> mapping.getHandlerMethods().values().stream())
			.forEach((handler) -> this.interceptor.checkReactiveHandlerMethod(handler.getMethod(),
					handler.getBeanType()));
	}

}
