package io.github.umamispring.aop;

import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.aop.TrackEventExpressionEvaluator.TrackEventRootObject;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrackEventRuntimeHints}.
 *
 * @author umami-spring-boot contributors
 */
class TrackEventRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void isRegisteredInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(TrackEventRuntimeHints.class);
	}

	@Test
	void registersTheSynthesizedAnnotationProxy() {
		new TrackEventRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(TrackEvent.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TrackEvent.class, "data"))
			.accepts(this.hints);
	}

	@Test
	void registersTheRootObjectExpressionsRead() {
		new TrackEventRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		for (String accessor : new String[] { "method", "args", "target", "targetClass" }) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TrackEventRootObject.class, accessor))
				.as(accessor)
				.accepts(this.hints);
		}
	}

}
