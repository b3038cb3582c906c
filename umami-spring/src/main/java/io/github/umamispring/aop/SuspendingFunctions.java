package io.github.umamispring.aop;

import java.lang.reflect.Method;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.KotlinDetector;
import org.springframework.core.MethodParameter;
import org.springframework.util.ConcurrentReferenceHashMap;

/**
 * What Kotlin suspending functions look like inside an advice chain. Spring AOP (6.1+)
 * invokes a suspending function as a {@link Mono}, or a {@link Flux} when it returns a
 * {@code Flow} ({@code AopUtils.invokeJoinpointUsingReflection}), passes that publisher
 * back through the chain, and the proxy turns it into the coroutine's result; Spring's
 * cache and transaction interceptors rely on the same. So a suspending function is
 * tracked as a {@code Mono} (or a {@code Flux}): when the coroutine completes, not when
 * it suspends.
 * <p>
 * Only answers for suspending functions when Kotlin reflection is present, which Spring
 * needs to invoke them at all; it never loads a Kotlin class itself.
 *
 * @author umami-spring-boot contributors
 */
final class SuspendingFunctions {

	private static final boolean KOTLIN_REFLECT_PRESENT = KotlinDetector.isKotlinReflectPresent();

	private static final String FLOW_CLASS_NAME = "kotlinx.coroutines.flow.Flow";

	private static final Map<Method, Class<?>> publisherTypes = new ConcurrentReferenceHashMap<>(64);

	private SuspendingFunctions() {
	}

	/**
	 * Return the reactive type a suspending function has inside the advice chain.
	 * @param method the method
	 * @return {@code Mono} or {@code Flux} (for a {@code Flow}), or {@code null} when the
	 * method is not a suspending function
	 */
	static @Nullable Class<?> publisherType(Method method) {
		if (!KOTLIN_REFLECT_PRESENT || !KotlinDetector.isSuspendingFunction(method)) {
			return null;
		}
		return publisherTypes.computeIfAbsent(method, SuspendingFunctions::resolvePublisherType);
	}

	private static Class<?> resolvePublisherType(Method method) {
		// the Kotlin return type, as Spring's proxies read it
		Class<?> returnType = new MethodParameter(method, -1).getParameterType();
		return FLOW_CLASS_NAME.equals(returnType.getName()) ? Flux.class : Mono.class;
	}

}
