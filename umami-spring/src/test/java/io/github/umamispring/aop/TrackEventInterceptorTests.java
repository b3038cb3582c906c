package io.github.umamispring.aop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.UmamiVisitor;
import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.testsupport.CapturedOutput;
import io.github.umamispring.testsupport.OutputCaptureExtension;
import io.github.umamispring.web.CapturedVisitor;
import io.github.umamispring.web.UmamiPrivacyPolicy;
import io.github.umamispring.web.UmamiReactiveVisitorCapture;
import io.github.umamispring.web.UmamiVisitorCapture;
import io.github.umamispring.web.UmamiVisitorTaskDecorator;
import io.github.umamispring.web.WebFluxUmamiVisitorCapture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.core.annotation.AliasFor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TrackEventInterceptor}.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrackEventInterceptorTests {

	private static final UmamiVisitor VISITOR = new UmamiVisitor("shop.example.com", "/checkout?step=2",
			"https://example.org/", "fr-CH", "Mozilla/5.0", "203.0.113.7");

	private final List<UmamiEvent> events = new CopyOnWriteArrayList<>();

	private final UmamiTracker tracker = new UmamiTracker() {

		@Override
		public void track(UmamiEvent event) {
			TrackEventInterceptorTests.this.events.add(event);
		}

		@Override
		public Mono<UmamiResult> send(UmamiEvent event) {
			throw new UnsupportedOperationException("@TrackEvent must use track");
		}

	};

	private @Nullable CapturedVisitor threadVisitor;

	private final UmamiVisitorCapture capture = () -> this.threadVisitor;

	private final UmamiReactiveVisitorCapture reactiveCapture = (context) -> Mono
		.justOrEmpty(context.getOrEmpty(CapturedVisitor.class));

	private final TrackEventInterceptor interceptor = new TrackEventInterceptor(() -> this.tracker, () -> this.capture,
			() -> this.reactiveCapture, null);

	private final Service service = proxy(new Service());

	private Service proxy(Service target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new TrackEventAdvisor(this.interceptor));
		return (Service) factory.getProxy();
	}

	@Test
	void recordsPlainResultWithDataFromResultArgumentsAndParameterNames() {
		this.threadVisitor = CapturedVisitor.of(VISITOR, "user-1");
		assertThat(this.service.order("pro", 42)).isEqualTo(new Order("pro", 42));
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("order");
			assertThat(event.getData()).containsExactly(Map.entry("plan", "pro"), Map.entry("amount", 42),
					Map.entry("method", "order"), Map.entry("first", "pro"));
			assertThat(event.getUrl()).isEqualTo("/checkout?step=2");
			assertThat(event.getIp()).isEqualTo("203.0.113.7");
			assertThat(event.getId()).isEqualTo("user-1");
		});
	}

	@Test
	void recordsWithoutVisitorOutsideARequest() {
		this.service.order("pro", 1);
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getIp()).isNull();
			assertThat(event.getUrl()).isNull();
		});
	}

	@Test
	void doesNotWarnAboutInvisibleRequestOutsideWebFluxServerThreads(CapturedOutput output) {
		WebFluxUmamiVisitorCapture webFlux = new WebFluxUmamiVisitorCapture(UmamiPrivacyPolicy.defaults(), null);
		TrackEventInterceptor reactiveInterceptor = new TrackEventInterceptor(() -> this.tracker, () -> webFlux,
				() -> webFlux, null);
		ProxyFactory factory = new ProxyFactory(new Service());
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new TrackEventAdvisor(reactiveInterceptor));
		((Service) factory.getProxy()).order("pro", 1);
		assertThat(this.events).hasSize(1);
		assertThat(output).doesNotContain("records its events without the visitor");
	}

	@Test
	void doesNotRecordWhenRequestIsNotTracked() {
		this.threadVisitor = CapturedVisitor.notTracked("Sec-GPC: 1");
		this.service.order("pro", 1);
		assertThat(this.events).isEmpty();
	}

	@Test
	void doesNotRecordAndRethrowsWhenMethodThrows() {
		assertThatIllegalStateException().isThrownBy(this.service::fails).withMessage("failure on purpose");
		assertThat(this.events).isEmpty();
	}

	@Test
	void defaultsNameToMethodName() {
		this.service.unnamed();
		assertThat(this.events).singleElement().extracting(UmamiEvent::getName).isEqualTo("unnamed");
	}

	@Test
	void supportsComposedAnnotations() {
		this.service.signup("team");
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("signup");
			assertThat(event.getData()).containsExactly(Map.entry("plan", "team"));
		});
	}

	@Test
	void recordsMonoWhenItSucceedsNotWhenItIsReturned() {
		Sinks.One<Order> sink = Sinks.one();
		Mono<Order> mono = this.service.mono(sink.asMono());
		assertThat(this.events).isEmpty();
		StepVerifier
			.create(mono
				.contextWrite((context) -> context.put(CapturedVisitor.class, CapturedVisitor.of(VISITOR, null))))
			.then(() -> {
				assertThat(this.events).isEmpty();
				sink.tryEmitValue(new Order("pro", 7));
			})
			.expectNext(new Order("pro", 7))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getData()).containsEntry("plan", "pro");
			assertThat(event.getUserAgent()).isEqualTo("Mozilla/5.0");
		});
	}

	@Test
	void recordsEmptyMonoWithNullResult() {
		StepVerifier.create(this.service.maybe(Mono.empty())).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(this.events).singleElement().extracting(UmamiEvent::getData).isEqualTo(Map.of("found", false));
	}

	@Test
	void doesNotRecordWhenMonoErrors() {
		StepVerifier.create(this.service.mono(Mono.error(new IllegalStateException("boom"))))
			.expectErrorMessage("boom")
			.verify(Duration.ofSeconds(5));
		assertThat(this.events).isEmpty();
	}

	@Test
	void recordsFluxOnceWhenItCompletes() {
		Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
		StepVerifier.create(this.service.flux(sink.asFlux())).then(() -> {
			sink.tryEmitNext("a");
			sink.tryEmitNext("b");
			sink.tryEmitNext("c");
		}).expectNext("a", "b", "c").then(() -> {
			assertThat(this.events).isEmpty();
			sink.tryEmitComplete();
		}).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(this.events).singleElement().extracting(UmamiEvent::getName).isEqualTo("listed");
	}

	@Test
	void doesNotRecordWhenFluxErrors() {
		StepVerifier.create(this.service.flux(Flux.just("a").concatWith(Flux.error(new IllegalStateException("boom")))))
			.expectNext("a")
			.expectErrorMessage("boom")
			.verify(Duration.ofSeconds(5));
		assertThat(this.events).isEmpty();
	}

	@Test
	void referringToResultOfFluxIsAClearErrorThatLeavesTheFluxIntact(CapturedOutput output) {
		StepVerifier.create(this.service.fluxWithResult(Flux.just("a", "b")))
			.expectNext("a", "b")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.events).isEmpty();
		assertThat(this.interceptor.getFailedEvaluationCount()).isOne();
		assertThat(output).contains("@TrackEvent expression '{size: #result.size()}'")
			.contains("#result is not available: the method returns a multi-value publisher");
	}

	@Test
	void recordsCompletionStageWhenItCompletesAndReturnsItUnchanged() {
		CompletableFuture<String> future = new CompletableFuture<>();
		CompletionStage<String> returned = this.service.stage(future);
		assertThat(returned).isSameAs(future);
		assertThat(this.events).isEmpty();
		future.complete("done");
		assertThat(this.events).singleElement().extracting(UmamiEvent::getData).isEqualTo(Map.of("value", "done"));
	}

	@Test
	void doesNotRecordWhenCompletionStageFails() {
		CompletableFuture<String> future = new CompletableFuture<>();
		this.service.stage(future);
		future.completeExceptionally(new IllegalStateException("boom"));
		assertThat(this.events).isEmpty();
	}

	@Test
	void doesNotRecordWhenConditionIsFalse() {
		this.service.conditional(false);
		assertThat(this.events).isEmpty();
		this.service.conditional(true);
		assertThat(this.events).hasSize(1);
	}

	@Test
	void failingExpressionIsWarnedOnceAndCounted(CapturedOutput output) {
		for (int i = 0; i < 3; i++) {
			assertThat(this.service.broken()).isEqualTo("intact");
		}
		assertThat(this.events).isEmpty();
		assertThat(this.interceptor.getFailedEvaluationCount()).isEqualTo(3);
		assertThat(output.getOut().lines().filter((line) -> line.contains("@TrackEvent expression '{x: #nope.y}'")))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("TrackEventInterceptorTests$Service.broken()");
	}

	@Test
	void dataThatIsNotAMapIsAnError(CapturedOutput output) {
		assertThat(this.service.notAMap()).isEqualTo("intact");
		assertThat(this.events).isEmpty();
		assertThat(this.interceptor.getFailedEvaluationCount()).isOne();
		assertThat(output).contains("data must evaluate to a Map, but evaluated to java.lang.String");
	}

	@Test
	void eventNameBreakingUmamiLimitsIsCountedNotThrownWithoutTheAdvisorsStartupCheck(CapturedOutput output) {
		// TrackEventAdvisor refuses such a name when proxying; a bare interceptor at the
		// first call
		ProxyFactory factory = new ProxyFactory(new MisnamedService());
		factory.setProxyTargetClass(true);
		factory.addAdvice(this.interceptor);
		assertThat(((MisnamedService) factory.getProxy()).tooLong()).isEqualTo("intact");
		assertThat(this.events).isEmpty();
		assertThat(this.interceptor.getFailedEvaluationCount()).isOne();
		assertThat(output).contains("could not record its event: Event name");
	}

	@Test
	void resultOfAnOptionalIsItsValueOrNull() {
		assertThat(this.service.find(new Order("pro", 7))).contains(new Order("pro", 7));
		assertThat(this.service.find(null)).isEmpty();
		assertThat(this.events).extracting(UmamiEvent::getData)
			.containsExactly(Map.of("found", true, "plan", "pro"), Map.of("found", false));
	}

	@Test
	void recordsTheVisitorHandedToATaskThatRunsOnAnotherThread() {
		UmamiVisitorTaskDecorator decorator = new UmamiVisitorTaskDecorator(() -> CapturedVisitor.of(VISITOR, "u-1"));
		CompletableFuture.runAsync(decorator.decorate(() -> this.service.order("pro", 1))).join();
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getIp()).isEqualTo("203.0.113.7");
			assertThat(event.getUserAgent()).isEqualTo("Mozilla/5.0");
			assertThat(event.getId()).isEqualTo("u-1");
		});
	}

	@Test
	void prefersTheRequestOfTheThreadToAVisitorHandedOver() {
		UmamiVisitor other = new UmamiVisitor("shop.example.com", "/other", null, null, "Other", "198.51.100.23");
		UmamiVisitorTaskDecorator decorator = new UmamiVisitorTaskDecorator(() -> CapturedVisitor.of(other, null));
		this.threadVisitor = CapturedVisitor.of(VISITOR, null);
		decorator.decorate(() -> this.service.order("pro", 1)).run();
		assertThat(this.events).singleElement().extracting(UmamiEvent::getIp).isEqualTo("203.0.113.7");
	}

	@Test
	void doesNotInterceptMethodsWithoutAnnotation() {
		assertThat(this.service.untracked()).isEqualTo("untracked");
		assertThat(this.events).isEmpty();
	}

	record Order(String plan, int amount) {

	}

	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@TrackEvent(name = "signup")
	@interface TrackSignup {

		@AliasFor(annotation = TrackEvent.class)
		String data() default "";

	}

	static class Service {

		@TrackEvent(name = "order",
				data = "{plan: #result.plan, amount: #p1, method: #root.methodName, first: #root.args[0]}")
		Order order(String plan, int amount) {
			return new Order(plan, amount);
		}

		@TrackEvent
		void unnamed() {
		}

		@TrackSignup(data = "{plan: #plan}")
		void signup(String plan) {
		}

		@TrackEvent(name = "fails")
		String fails() {
			throw new IllegalStateException("failure on purpose");
		}

		@TrackEvent(name = "mono", data = "{plan: #result.plan}")
		Mono<Order> mono(Mono<Order> source) {
			return source;
		}

		@TrackEvent(name = "maybe", data = "{found: #result != null}")
		Mono<Order> maybe(Mono<Order> source) {
			return source;
		}

		@TrackEvent("listed")
		Flux<String> flux(Flux<String> source) {
			return source;
		}

		@TrackEvent(name = "listed", data = "{size: #result.size()}")
		Flux<String> fluxWithResult(Flux<String> source) {
			return source;
		}

		@TrackEvent(name = "stage", data = "{value: #result}")
		CompletionStage<String> stage(CompletableFuture<String> future) {
			return future;
		}

		@TrackEvent(name = "conditional", condition = "#track")
		void conditional(boolean track) {
		}

		@TrackEvent(name = "broken", data = "{x: #nope.y}")
		String broken() {
			return "intact";
		}

		@TrackEvent(name = "not-a-map", data = "'text'")
		String notAMap() {
			return "intact";
		}

		@TrackEvent(name = "found", data = "#result != null ? {found: true, plan: #result.plan} : {found: false}")
		Optional<Order> find(@Nullable Order order) {
			return Optional.ofNullable(order);
		}

		String untracked() {
			return "untracked";
		}

	}

	static class MisnamedService {

		@TrackEvent(name = "this-event-name-is-far-too-long-for-umami-which-accepts-fifty")
		String tooLong() {
			return "intact";
		}

	}

}
