package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiEventProcessor;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.testsupport.CapturedOutput;
import io.github.umamispring.testsupport.OutputCaptureExtension;
import io.github.umamispring.transport.UmamiRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link UmamiEventProcessors}, as {@link DefaultUmamiTracker} applies them to
 * every event it is given.
 */
@ExtendWith(OutputCaptureExtension.class)
class UmamiEventProcessorsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final List<UmamiRequest> sent = new CopyOnWriteArrayList<>();

	private final List<UmamiResult> results = new CopyOnWriteArrayList<>();

	private final List<UmamiEvent> adjusted = new CopyOnWriteArrayList<>();

	private final DefaultUmamiTracker tracker = new DefaultUmamiTracker((request) -> {
		this.sent.add(request);
		return Mono.just(new UmamiResult.Accepted(null, null, null));
	}, new UmamiEventDefaults("51499dbe-116f-42b4-9a2e-dfcfc230677f", "example.com", "Mozilla/5.0 (X11; Linux x86_64)"),
			UmamiDeliveryOptions.builder().batchEnabled(false).build());

	UmamiEventProcessorsTests() {
		this.tracker.addListener(new UmamiDeliveryListener() {

			@Override
			public void onResult(UmamiEvent event, UmamiResult result) {
				UmamiEventProcessorsTests.this.results.add(result);
			}

			@Override
			public void onAdjusted(UmamiEvent event) {
				UmamiEventProcessorsTests.this.adjusted.add(event);
			}

		});
	}

	@AfterEach
	void stopTracker() {
		this.tracker.destroy();
	}

	@Test
	void appliesEveryProcessorInOrderToEveryEvent() {
		this.tracker.setEventProcessors(List.<UmamiEventProcessor>of(new AddVersion(),
				(event) -> event.toBuilder().data("release", event.getData().get("version") + "-prod").build()));
		this.tracker.track(UmamiEvent.event("tracked").build());
		this.tracker.track("convenience", Map.of("plan", "pro"));
		this.tracker.trackPageview("/pricing", null);
		this.tracker.identify("user-42", null);
		StepVerifier.create(this.tracker.send(UmamiEvent.event("sent").build()))
			.expectNextMatches(UmamiResult::isAccepted)
			.expectComplete()
			.verify(TIMEOUT);
		this.tracker.flush().block(TIMEOUT);
		assertThat(this.sent).hasSize(5)
			.allSatisfy((request) -> assertThat(request.body())
				.contains("\"version\":\"1.4.2\",\"release\":\"1.4.2-prod\"}"));
		// send does not wait for the queue: the order of the requests is not fixed
		assertThat(this.sent).map(UmamiRequest::body)
			.anySatisfy((body) -> assertThat(body).contains("\"name\":\"convenience\",\"data\":{\"plan\":\"pro\","))
			.anySatisfy((body) -> assertThat(body).contains("\"url\":\"/pricing\""))
			.anySatisfy((body) -> assertThat(body).startsWith("{\"type\":\"identify\"").contains("\"id\":\"user-42\""))
			.anySatisfy((body) -> assertThat(body).contains("\"name\":\"sent\""));
		assertThat(this.results).hasSize(5).allMatch(UmamiResult::isAccepted);
	}

	@Test
	void dropsAnEventAProcessorReturnsNullFor() {
		AddVersion after = new AddVersion();
		this.tracker.setEventProcessors(List.of(new DropInternal(), after));
		UmamiEvent internal = UmamiEvent.event("internal-report").build();
		UmamiResult.Dropped dropped = new UmamiResult.Dropped(
				"dropped by an event processor (" + DropInternal.class.getName() + ")");
		StepVerifier.create(this.tracker.send(internal)).expectNext(dropped).expectComplete().verify(TIMEOUT);
		this.tracker.track(internal);
		this.tracker.track(UmamiEvent.event("signup").build());
		this.tracker.flush().block(TIMEOUT);
		assertThat(this.sent).singleElement().satisfies((request) -> assertThat(request.body()).contains("signup"));
		assertThat(this.results).containsExactlyInAnyOrder(dropped, dropped,
				new UmamiResult.Accepted(null, null, null));
		assertThat(after.calls).hasValue(1);
	}

	@Test
	void dropsTheEventOfAProcessorThatThrowsAndWarnsOnceWithoutItsMessage(CapturedOutput output) {
		this.tracker.setEventProcessors(List.of(new Failing(new IllegalStateException("user bob@example.com"))));
		UmamiResult.Dropped dropped = new UmamiResult.Dropped(
				"event processor " + Failing.class.getName() + " failed with java.lang.IllegalStateException");
		assertThatNoException().isThrownBy(() -> {
			this.tracker.track(UmamiEvent.event("first").build());
			this.tracker.track("second", null);
		});
		StepVerifier.create(this.tracker.send(UmamiEvent.event("third").build()))
			.expectNext(dropped)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.sent).isEmpty();
		assertThat(this.results).containsExactly(dropped, dropped, dropped);
		assertThat(output.toString().lines().filter((line) -> line.contains(" WARN "))).singleElement()
			.asString()
			.contains("Umami event processor " + Failing.class.getName()
					+ " failed with java.lang.IllegalStateException; the event was dropped")
			.doesNotContain("bob@example.com");
	}

	@Test
	void namesALambdaByTheClassThatDeclaresIt() {
		this.tracker.setEventProcessors(List.of((event) -> null));
		StepVerifier.create(this.tracker.send(UmamiEvent.event("signup").build()))
			.expectNext(new UmamiResult.Dropped(
					"dropped by an event processor (" + UmamiEventProcessorsTests.class.getName() + "$$Lambda)"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void runsNoProcessorAfterOneThatThrows() {
		AddVersion after = new AddVersion();
		this.tracker.setEventProcessors(List.of(new Failing(new IllegalStateException("bug")), after));
		this.tracker.track(UmamiEvent.event("signup").build());
		assertThat(after.calls).hasValue(0);
		assertThat(this.results).singleElement().isInstanceOf(UmamiResult.Dropped.class);
	}

	@Test
	void dropsTheEventOfAProcessorThatThrowsAnError() {
		this.tracker.setEventProcessors(List.of(new Failing(new StackOverflowError())));
		assertThatNoException().isThrownBy(() -> this.tracker.track(UmamiEvent.event("first").build()));
		assertThat(this.results).singleElement().isInstanceOf(UmamiResult.Dropped.class);
	}

	@Test
	void fitsWhatAProcessorAddsIntoUmamisLimits() {
		this.tracker.setEventProcessors(List.of((event) -> event.toBuilder().data("notes", "n".repeat(600)).build()));
		this.tracker.track(UmamiEvent.event("signup").build());
		this.tracker.flush().block(TIMEOUT);
		assertThat(this.sent).singleElement()
			.satisfies((request) -> assertThat(request.body()).contains("\"notes\":\"" + "n".repeat(499) + "\u2026\""));
		assertThat(this.adjusted).singleElement()
			.satisfies((event) -> assertThat(event.getAdjustments()).singleElement()
				.hasToString("data: 'notes' cut: 600 characters long, over Umami's limit of 500"));
	}

	@Test
	void doesNotProcessAnEventUmamiWouldRefuse() {
		AddVersion processor = new AddVersion();
		this.tracker.setEventProcessors(List.of(processor));
		this.tracker.track("n".repeat(51), null);
		assertThat(processor.calls).hasValue(0);
		assertThat(this.results).singleElement().isInstanceOf(UmamiResult.Rejected.class);
	}

	@Test
	void replacesTheProcessorsSetBefore() {
		this.tracker.setEventProcessors(List.of(new DropInternal()));
		this.tracker.setEventProcessors(new ArrayList<>());
		this.tracker.track(UmamiEvent.event("internal-report").build());
		this.tracker.flush().block(TIMEOUT);
		assertThat(this.sent).hasSize(1);
	}

	@Test
	void refusesANullProcessor() {
		List<UmamiEventProcessor> processors = new ArrayList<>();
		processors.add(null);
		assertThatIllegalArgumentException().isThrownBy(() -> this.tracker.setEventProcessors(processors))
			.withMessage("'processors' must not contain null elements");
	}

	static class AddVersion implements UmamiEventProcessor {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public UmamiEvent process(UmamiEvent event) {
			this.calls.incrementAndGet();
			return event.toBuilder().data("version", "1.4.2").build();
		}

	}

	static class DropInternal implements UmamiEventProcessor {

		@Override
		public @Nullable UmamiEvent process(UmamiEvent event) {
			return (event.getName() != null && event.getName().startsWith("internal-")) ? null : event;
		}

	}

	static class Failing implements UmamiEventProcessor {

		private final Throwable failure;

		Failing(Throwable failure) {
			this.failure = failure;
		}

		@Override
		public UmamiEvent process(UmamiEvent event) {
			if (this.failure instanceof Error error) {
				throw error;
			}
			throw (RuntimeException) this.failure;
		}

	}

}
