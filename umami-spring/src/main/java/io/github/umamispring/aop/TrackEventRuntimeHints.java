package io.github.umamispring.aop;

import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.aop.TrackEventExpressionEvaluator.TrackEventRootObject;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs for {@link TrackEvent @TrackEvent}: the annotation is read
 * through a synthesized proxy (its {@code name} and {@code value} are aliases), and
 * expressions read the root object ({@code #root.method}, {@code #root.args}, ...)
 * reflectively. The types of the application's own method arguments and results that
 * expressions or event data read are the application's to register, as for any reflection
 * (for example with {@code @RegisterReflectionForBinding}).
 *
 * @author umami-spring-boot contributors
 */
class TrackEventRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection().registerType(TrackEvent.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		hints.proxies().registerJdkProxy(TrackEvent.class);
		hints.reflection().registerType(TrackEventRootObject.class, MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}
