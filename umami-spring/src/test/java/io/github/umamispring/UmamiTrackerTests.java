package io.github.umamispring;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.umamispring.UmamiEvent.Kind;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.asm.AnnotationVisitor;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;
import org.springframework.lang.CheckReturnValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link UmamiTracker} and its implementations.
 *
 * @author umami-spring-boot contributors
 */
class UmamiTrackerTests {

	/**
	 * A lazy method whose result is ignored sends nothing: every public method that
	 * returns a publisher must say so to static analysis, on the interface and on each
	 * implementation (annotations on an interface method are not inherited). The
	 * annotation is kept in the class file only, so the class file is read.
	 */
	@ParameterizedTest
	@ValueSource(classes = { UmamiTracker.class, DefaultUmamiTracker.class, NoOpUmamiTracker.class })
	void everyMethodReturningAPublisherIsMarkedCheckReturnValue(Class<?> type) throws IOException {
		Set<String> annotated = methodsAnnotatedWithCheckReturnValue(type);
		Set<String> publisherMethods = new HashSet<>();
		for (Method method : type.getDeclaredMethods()) {
			if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()
					&& Publisher.class.isAssignableFrom(method.getReturnType())) {
				publisherMethods.add(method.getName() + Type.getMethodDescriptor(method));
			}
		}
		assertThat(publisherMethods).isNotEmpty();
		assertThat(annotated).containsAll(publisherMethods);
	}

	@ParameterizedTest
	@ValueSource(classes = { UmamiTracker.class, DefaultUmamiTracker.class })
	void checkReturnValueIsSeenWhereItIsPresent(Class<?> type) throws IOException {
		assertThat(methodsAnnotatedWithCheckReturnValue(type)).contains(
				"send(Lio/github/umamispring/UmamiEvent;)Lreactor/core/publisher/Mono;",
				"flush()Lreactor/core/publisher/Mono;");
	}

	private static Set<String> methodsAnnotatedWithCheckReturnValue(Class<?> type) throws IOException {
		String descriptor = Type.getDescriptor(CheckReturnValue.class);
		Set<String> annotated = new HashSet<>();
		try (InputStream classFile = type.getResourceAsStream(type.getSimpleName() + ".class")) {
			new ClassReader(classFile).accept(new ClassVisitor(SpringAsmInfo.ASM_VERSION) {

				@Override
				public MethodVisitor visitMethod(int access, String name, String methodDescriptor, String signature,
						String[] exceptions) {
					return new MethodVisitor(SpringAsmInfo.ASM_VERSION) {

						@Override
						public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
							if (annotation.equals(descriptor)) {
								annotated.add(name + methodDescriptor);
							}
							return null;
						}

					};
				}

			}, ClassReader.SKIP_CODE);
		}
		return annotated;
	}

	@Test
	void trackWithNameAndDataNeverThrowsAndRefusesANameUmamiWouldRefuse() {
		List<UmamiEvent> tracked = new ArrayList<>();
		UmamiTracker tracker = recording(tracked);
		String productName = "Espresso machine with milk frother, grinder and timer, 2026 edition";
		assertThatNoException().isThrownBy(() -> {
			tracker.track(productName, Map.of("price", 499));
			tracker.track("=SUM(A1)", null);
			tracker.track("", null);
			tracker.track(null, null);
		});
		assertThat(tracked).hasSize(4).allSatisfy((event) -> assertThat(event.getKind()).isEqualTo(Kind.EVENT));
		assertThat(tracked).extracting(UmamiEvent::getRefusal)
			.satisfiesExactly(
					(refusal) -> assertThat(refusal).contains("is 67 characters long; Umami accepts at most 50"),
					(refusal) -> assertThat(refusal).contains("starts with '='"),
					(refusal) -> assertThat(refusal).contains("A custom event needs a 'name'"),
					(refusal) -> assertThat(refusal).contains("A custom event needs a 'name'"));
		assertThat(tracked.get(0).getData()).containsEntry("price", 499);
	}

	@Test
	void trackPageviewAndIdentifyNeverThrow() {
		List<UmamiEvent> tracked = new ArrayList<>();
		UmamiTracker tracker = recording(tracked);
		assertThatNoException().isThrownBy(() -> {
			tracker.trackPageview(null, null);
			tracker.trackPageview("/pricing", "t".repeat(600));
			tracker.identify("u".repeat(60), Map.of("account", new Object()));
			tracker.identify(null, null);
		});
		assertThat(tracked.get(0).getRefusal()).isEqualTo("A pageview needs a 'url' (path and query)");
		assertThat(tracked.get(1).getRefusal()).isNull();
		assertThat(tracked.get(1).getTitle()).hasSize(500);
		assertThat(tracked.get(2).getRefusal()).isNull();
		assertThat(tracked.get(2).getId()).isNull();
		assertThat(tracked.get(2).getData()).isEmpty();
		assertThat(tracked.get(2).getAdjustments()).extracting(UmamiAdjustment::field).containsExactly("data", "id");
		assertThat(tracked.get(3).getRefusal()).isNull();
	}

	@Test
	void buildStillRefusesANameFixedInCodeByThrowing() {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiEvent.event("x".repeat(60)).build())
			.withMessageContaining("60 characters long");
	}

	private static UmamiTracker recording(List<UmamiEvent> tracked) {
		return new UmamiTracker() {

			@Override
			public void track(UmamiEvent event) {
				tracked.add(event);
			}

			@Override
			public Mono<UmamiResult> send(UmamiEvent event) {
				throw new UnsupportedOperationException();
			}

		};
	}

	@ParameterizedTest
	@ValueSource(strings = { "track", "trackPageview", "identify" })
	void fireAndForgetMethodsReturnNothing(String name) {
		for (Method method : UmamiTracker.class.getMethods()) {
			if (method.getName().equals(name)) {
				assertThat(method.getReturnType()).as(method.toGenericString()).isEqualTo(void.class);
			}
		}
	}

}
