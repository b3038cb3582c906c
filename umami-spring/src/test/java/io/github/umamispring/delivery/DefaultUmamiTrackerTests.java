package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import io.github.umamispring.DelegatingUmamiTracker;
import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.testsupport.CapturedOutput;
import io.github.umamispring.testsupport.OutputCaptureExtension;
import io.github.umamispring.transport.UmamiBatchResponse;
import io.github.umamispring.transport.UmamiRequest;
import io.github.umamispring.transport.UmamiTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DefaultUmamiTracker}: what it does around the transport. Sending over
 * HTTP is covered by {@code UmamiContractIntegrationTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DefaultUmamiTrackerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final UmamiEventDefaults defaults = new UmamiEventDefaults("51499dbe-116f-42b4-9a2e-dfcfc230677f",
			"example.com", "Mozilla/5.0 (X11; Linux x86_64) umami-spring-boot");

	private final List<UmamiRequest> sent = new CopyOnWriteArrayList<>();

	@Test
	void trackTurnsTransportErrorIntoFailedResult() {
		IllegalStateException failure = new IllegalStateException("boom");
		DefaultUmamiTracker tracker = tracker((request) -> {
			throw failure;
		});
		StepVerifier.create(tracker.send(UmamiEvent.event("e").build()))
			.expectNext(new UmamiResult.Failed(failure))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void sendReportsTheProcessedEventWhenTheTransportThrows() {
		IllegalStateException failure = new IllegalStateException("boom");
		DefaultUmamiTracker tracker = tracker((request) -> {
			throw failure;
		});
		tracker.setEventProcessors(List.of((event) -> event.toBuilder().name("processed").build()));
		List<String> reported = new CopyOnWriteArrayList<>();
		tracker.addListener(onResult((event, result) -> reported.add(event.getName() + " " + result.outcome())));
		StepVerifier.create(tracker.send(UmamiEvent.event("as-tracked").build()))
			.expectNext(new UmamiResult.Failed(failure))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(reported).containsExactly("processed failed");
	}

	@Test
	void submitNeverThrowsAndLogsEachDistinctProblemOnceAtWarn(CapturedOutput output) {
		DefaultUmamiTracker tracker = tracker((request) -> {
			this.sent.add(request);
			return Mono.just(new UmamiResult.Rejected(400, "Website not found."));
		});
		assertThatNoException().isThrownBy(() -> {
			tracker.track(UmamiEvent.event("first").build());
			tracker.track(UmamiEvent.event("second").build());
			tracker.track(null);
		});
		// Both results are reported (and logged) once flush completes
		tracker.flush().block(TIMEOUT);
		assertThat(this.sent).hasSize(2);
		assertThat(output).contains("Ignored a null Umami event");
		assertThat(output.toString()
			.lines()
			.filter((line) -> line.contains("WARN"))
			.filter((line) -> line.contains("Website not found."))).hasSize(1);
	}

	@Test
	void listenerThatThrowsIsLoggedOnceAndHarmsNeitherTheOtherListenersNorTheDelivery(CapturedOutput output) {
		DefaultUmamiTracker tracker = tracker(accepting());
		List<String> reported = new CopyOnWriteArrayList<>();
		tracker.addListener(new ThrowingListener());
		tracker.addListener(onResult((event, result) -> reported.add(event.getName() + " " + result.outcome())));
		StepVerifier.create(tracker.send(UmamiEvent.event("sent").build()))
			.expectNextMatches(UmamiResult::isAccepted)
			.expectComplete()
			.verify(TIMEOUT);
		tracker.track(UmamiEvent.event("tracked").build());
		tracker.flush().block(TIMEOUT);
		assertThat(reported).containsExactly("sent accepted", "tracked accepted");
		assertThat(this.sent).hasSize(2);
		assertThat(output.toString()
			.lines()
			.filter((line) -> line.contains("WARN"))
			.filter((line) -> line.contains("Umami listener " + ThrowingListener.class.getName() + " failed")))
			.hasSize(1);
	}

	@Test
	void failsEveryEventOfABatchWhoseTransportAnswersTheWrongNumberOfResults() {
		List<UmamiResult> results = new CopyOnWriteArrayList<>();
		DefaultUmamiTracker tracker = tracker(new UmamiTransport() {

			@Override
			public Mono<UmamiResult> send(UmamiRequest request) {
				return Mono.just(new UmamiResult.Accepted(null, null, null));
			}

			@Override
			public boolean supportsBatch() {
				return true;
			}

			@Override
			public Mono<UmamiBatchResponse> sendBatch(UmamiRequest request, int size) {
				return Mono.just(UmamiBatchResponse.of(List.of(new UmamiResult.Accepted(null, null, null)), null));
			}

		}, UmamiDeliveryOptions.builder()
			.queueCapacity(100)
			.maxAttempts(1)
			.initialBackoff(Duration.ofMillis(10))
			.maxBackoff(Duration.ofMillis(10))
			.batchMaxSize(2)
			.batchMaxWait(Duration.ofSeconds(5))
			.shutdownTimeout(Duration.ofSeconds(1))
			.build());
		tracker.addListener(onResult((event, result) -> results.add(result)));
		tracker.track(UmamiEvent.event("a").build());
		tracker.track(UmamiEvent.event("b").build());
		tracker.flush().block(TIMEOUT);
		assertThat(results).hasSize(2)
			.allSatisfy((result) -> assertThat(result).isInstanceOfSatisfying(UmamiResult.Failed.class,
					(failed) -> assertThat(failed.cause())
						.hasMessage("The Umami transport answered 1 results for a batch of 2 events")));
	}

	@Test
	void submitSurvivesTransportThatThrows(CapturedOutput output) {
		DefaultUmamiTracker tracker = tracker((request) -> {
			throw new IllegalStateException("transport exploded");
		});
		assertThatNoException().isThrownBy(() -> tracker.track(UmamiEvent.event("e").build()));
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output).contains("transport exploded"));
	}

	@Test
	void remembersTokenOfAcceptedEventForThatVisitor() {
		DefaultUmamiTracker tracker = tracker((request) -> {
			this.sent.add(request);
			return Mono.just(new UmamiResult.Accepted("s", "v", "token-" + this.sent.size()));
		});
		UmamiEvent visitor = UmamiEvent.event("e").ip("81.2.69.160").userAgent("Firefox").build();
		tracker.send(visitor).block(TIMEOUT);
		tracker.send(visitor).block(TIMEOUT);
		tracker.send(UmamiEvent.event("e").ip("81.2.69.161").userAgent("Firefox").build()).block(TIMEOUT);
		assertThat(this.sent).extracting(UmamiRequest::cacheToken).containsExactly(null, "token-1", null);
	}

	@Test
	void doesNotRememberTokenOfBotAnswer() {
		DefaultUmamiTracker tracker = tracker((request) -> {
			this.sent.add(request);
			return Mono.just(new UmamiResult.FilteredAsBot());
		});
		UmamiEvent visitor = UmamiEvent.event("e").ip("81.2.69.160").userAgent("curl/8").build();
		tracker.send(visitor).block(TIMEOUT);
		tracker.send(visitor).block(TIMEOUT);
		assertThat(this.sent).extracting(UmamiRequest::cacheToken).containsExactly(null, null);
	}

	@Test
	void sendsAdjustedEventAndTellsTheListeners() {
		DefaultUmamiTracker tracker = tracker(accepting());
		List<UmamiEvent> adjusted = new CopyOnWriteArrayList<>();
		tracker.addListener(new UmamiDeliveryListener() {

			@Override
			public void onAdjusted(UmamiEvent event) {
				adjusted.add(event);
			}

		});
		UmamiEvent event = UmamiEvent.event("view").data("item", "y".repeat(600)).ip("not-an-ip").build();
		StepVerifier.create(tracker.send(event))
			.expectNextMatches(UmamiResult::isAccepted)
			.expectComplete()
			.verify(TIMEOUT);
		tracker.track(event);
		tracker.flush().block(TIMEOUT);
		assertThat(adjusted).containsExactly(event, event);
		assertThat(this.sent).hasSize(2)
			.allSatisfy((request) -> assertThat(request.body()).contains("y".repeat(499) + "\u2026\"")
				.doesNotContain("not-an-ip"));
	}

	@Test
	void refusesAdjustedEventWhenToldToAndWarnsOnce(CapturedOutput output) {
		DefaultUmamiTracker tracker = tracker(accepting(),
				UmamiDeliveryOptions.builder().refuseAdjustedEvents(true).build());
		List<UmamiResult> results = new CopyOnWriteArrayList<>();
		tracker.addListener(onResult((event, result) -> results.add(result)));
		UmamiEvent event = UmamiEvent.event("view").data("item", "secret-" + "y".repeat(600)).build();
		String reason = "it was changed to fit Umami's limits, and umami.over-limit=refuse: data: 'item' cut:"
				+ " 607 characters long, over Umami's limit of 500";
		StepVerifier.create(tracker.send(event))
			.expectNext(new UmamiResult.Dropped(reason))
			.expectComplete()
			.verify(TIMEOUT);
		tracker.track(event);
		tracker.track(event);
		tracker.flush().block(TIMEOUT);
		assertThat(this.sent).isEmpty();
		assertThat(results).hasSize(3).allMatch((result) -> result.equals(new UmamiResult.Dropped(reason)));
		assertThat(output.toString().lines().filter((line) -> line.contains(" WARN "))).singleElement()
			.asString()
			.contains("Refused event 'view': " + reason)
			.doesNotContain("secret");
		tracker.track(UmamiEvent.event("fits").build());
		tracker.flush().block(TIMEOUT);
		assertThat(this.sent).hasSize(1);
	}

	@Test
	void answersAnEventUmamiWouldRefuseWithRejectedWithoutSendingItAndWarnsOnce(CapturedOutput output) {
		DefaultUmamiTracker tracker = tracker(accepting());
		List<UmamiResult> results = new CopyOnWriteArrayList<>();
		tracker.addListener(onResult((event, result) -> results.add(result)));
		List<UmamiEvent> refused = new ArrayList<>();
		UmamiTracker capturing = new DelegatingUmamiTracker(tracker) {

			@Override
			public void track(UmamiEvent event) {
				refused.add(event);
				super.track(event);
			}

		};
		assertThatNoException().isThrownBy(() -> {
			capturing.track("n".repeat(60), null);
			capturing.track("n".repeat(61), null);
		});
		String reason = "Not sent: Event name '" + "n".repeat(60) + "' is 60 characters long; Umami accepts at most 50";
		StepVerifier.create(tracker.send(refused.get(0)))
			.expectNext(new UmamiResult.Rejected(400, reason))
			.expectComplete()
			.verify(TIMEOUT);
		tracker.track(UmamiEvent.event("fits").build());
		tracker.flush().block(TIMEOUT);
		assertThat(this.sent).singleElement().satisfies((request) -> assertThat(request.body()).contains("fits"));
		assertThat(results).hasSize(4).element(0).isEqualTo(new UmamiResult.Rejected(400, reason));
		assertThat(results.subList(0, 3)).allMatch((result) -> result instanceof UmamiResult.Rejected);
		assertThat(output.toString().lines().filter((line) -> line.contains(" WARN "))).singleElement()
			.asString()
			.contains("Did not send a custom event that Umami would refuse: Event name '");
	}

	private final List<DefaultUmamiTracker> trackers = new ArrayList<>();

	@AfterEach
	void stopTrackers() {
		this.trackers.forEach(DefaultUmamiTracker::destroy);
	}

	@Test
	void keepsDeliveringAfterTheTransportThrowsAnError(CapturedOutput output) {
		AtomicInteger calls = new AtomicInteger();
		DefaultUmamiTracker tracker = tracker((request) -> {
			if (calls.getAndIncrement() == 0) {
				throw new StackOverflowError("a transport of ours with a bug");
			}
			return Mono.just(new UmamiResult.Accepted(null, null, null));
		}, UmamiDeliveryOptions.builder().batchEnabled(false).build());
		List<UmamiResult> results = new CopyOnWriteArrayList<>();
		tracker.addListener(onResult((event, result) -> results.add(result)));
		tracker.track(UmamiEvent.event("first").build());
		tracker.track(UmamiEvent.event("second").build());
		StepVerifier.create(tracker.flush()).expectComplete().verify(Duration.ofSeconds(10));
		assertThat(results).hasSize(2);
		assertThat(results.get(0)).isInstanceOf(UmamiResult.Failed.class);
		assertThat(results.get(1).isAccepted()).isTrue();
		assertThat(tracker.isDelivering()).isTrue();
		assertThat(output).contains("Umami's sender thread failed; it goes on");
	}

	@Test
	void startsItsSenderThreadAgainWhenItFindsItDead(CapturedOutput output) throws InterruptedException {
		DefaultUmamiTracker tracker = tracker(accepting());
		tracker.start();
		Thread sender = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("umami-sender"))
			.findFirst()
			.orElseThrow();
		// Something outside the tracker interrupts its thread, which ends
		sender.interrupt();
		sender.join(10_000);
		assertThat(tracker.isDelivering()).isFalse();
		assertThat(tracker.isRunning()).isTrue();
		tracker.track(UmamiEvent.event("after").build());
		StepVerifier.create(tracker.flush()).expectComplete().verify(Duration.ofSeconds(10));
		assertThat(this.sent).hasSize(1);
		assertThat(tracker.isDelivering()).isTrue();
		assertThat(output).contains("Umami's sender thread had stopped; started it again");
	}

	private DefaultUmamiTracker tracker(UmamiTransport transport) {
		return tracker(transport, UmamiDeliveryOptions.defaults());
	}

	private DefaultUmamiTracker tracker(UmamiTransport transport, UmamiDeliveryOptions options) {
		DefaultUmamiTracker tracker = new DefaultUmamiTracker(transport, this.defaults, options);
		this.trackers.add(tracker);
		return tracker;
	}

	private UmamiTransport accepting() {
		return (request) -> {
			this.sent.add(request);
			return Mono.just(new UmamiResult.Accepted(null, null, null));
		};
	}

	private static UmamiDeliveryListener onResult(BiConsumer<UmamiEvent, UmamiResult> action) {
		return new UmamiDeliveryListener() {

			@Override
			public void onResult(UmamiEvent event, UmamiResult result) {
				action.accept(event, result);
			}

		};
	}

	private static final class ThrowingListener implements UmamiDeliveryListener {

		@Override
		public void onResult(UmamiEvent event, UmamiResult result) {
			throw new IllegalStateException("listener bug");
		}

		@Override
		public void onRequest(String endpoint, String outcome, Duration duration) {
			throw new IllegalStateException("listener bug");
		}

	}

}
