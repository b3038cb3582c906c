package io.github.umamispring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RecordingUmamiTracker}.
 *
 * @author umami-spring-boot contributors
 */
class RecordingUmamiTrackerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final RecordingUmamiTracker tracker = new RecordingUmamiTracker();

	private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4);

	@AfterEach
	void shutDownExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void submitRecordsEventAtOnce() {
		UmamiEvent event = UmamiEvent.event("signup").data("plan", "pro").build();
		this.tracker.track(event);
		assertThat(this.tracker.getEvents()).containsExactly(event);
	}

	@Test
	void trackRecordsEventOnlyWhenSubscribed() {
		UmamiEvent event = UmamiEvent.event("signup").build();
		var result = this.tracker.send(event);
		assertThat(this.tracker.getEvents()).isEmpty();
		StepVerifier.create(result)
			.expectNext(new UmamiResult.Accepted(null, null, null))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.tracker.getEvents()).containsExactly(event);
	}

	@Test
	void defaultMethodsOfTheInterfaceAreRecorded() {
		this.tracker.track("signup", Map.of("plan", "pro"));
		this.tracker.trackPageview("/pricing", "Pricing");
		this.tracker.identify("user-1", Map.of("plan", "pro"));
		List<UmamiEvent> events = this.tracker.getEvents();
		assertThat(events).hasSize(3);
		assertThat(events.get(0).getKind()).isEqualTo(UmamiEvent.Kind.EVENT);
		assertThat(events.get(0).getData()).containsEntry("plan", "pro");
		assertThat(events.get(1).getKind()).isEqualTo(UmamiEvent.Kind.PAGEVIEW);
		assertThat(events.get(1).getUrl()).isEqualTo("/pricing");
		assertThat(events.get(1).getTitle()).isEqualTo("Pricing");
		events = List.of(events.get(1), events.get(2));
		assertThat(events.get(1).getKind()).isEqualTo(UmamiEvent.Kind.IDENTIFY);
		assertThat(events.get(1).getId()).isEqualTo("user-1");
	}

	@Test
	void respondWithChangesTheResultOfTrack() {
		UmamiResult rejected = new UmamiResult.Rejected(400, "Website not found.");
		this.tracker.respondWith((event) -> rejected);
		StepVerifier.create(this.tracker.send(UmamiEvent.event("signup").build()))
			.expectNext(rejected)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void clearForgetsEventsAndResponder() {
		this.tracker.respondWith((event) -> new UmamiResult.Dropped("test"));
		this.tracker.track(UmamiEvent.event("signup").build());
		this.tracker.clear();
		assertThat(this.tracker.getEvents()).isEmpty();
		StepVerifier.create(this.tracker.send(UmamiEvent.event("signup").build()))
			.expectNextMatches(UmamiResult::isAccepted)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void getEventsWithNameReturnsOnlyCustomEventsWithThatName() {
		UmamiEvent signup = UmamiEvent.event("signup").build();
		this.tracker.track(signup);
		this.tracker.track(UmamiEvent.event("purchase").build());
		this.tracker.track(UmamiEvent.pageview("/signup").build());
		assertThat(this.tracker.getEvents("signup")).containsExactly(signup);
	}

	@Test
	void submitIgnoresNullLikeTheRealTracker() {
		this.tracker.track(null);
		assertThat(this.tracker.getEvents()).isEmpty();
	}

	@Test
	void recordsEveryEventSubmittedConcurrently() throws Exception {
		int threads = 4;
		int eventsPerThread = 500;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int thread = 0; thread < threads; thread++) {
			String name = "thread-" + thread;
			futures.add(this.executor.submit(() -> {
				start.await();
				for (int i = 0; i < eventsPerThread; i++) {
					this.tracker.track(UmamiEvent.event(name).data("index", i).build());
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : futures) {
			future.get(10, TimeUnit.SECONDS);
		}
		assertThat(this.tracker.getEvents()).hasSize(threads * eventsPerThread);
		for (int thread = 0; thread < threads; thread++) {
			assertThat(this.tracker.getEvents("thread-" + thread)).hasSize(eventsPerThread);
		}
	}

	@Test
	void awaitEventWaitsForEventSubmittedLaterFromAnotherThread() {
		UmamiEvent event = UmamiEvent.event("report-sent").build();
		CountDownLatch checkedEmpty = new CountDownLatch(1);
		this.executor.submit(() -> {
			checkedEmpty.await();
			this.tracker.track(event);
			return null;
		});
		assertThat(this.tracker.getEvents()).isEmpty();
		checkedEmpty.countDown();
		assertThat(this.tracker.awaitEvent("report-sent", TIMEOUT)).isSameAs(event);
	}

	@Test
	void awaitEventReturnsAtOnceWhenEventWasAlreadyRecorded() {
		UmamiEvent event = UmamiEvent.event("signup").build();
		this.tracker.track(event);
		assertThat(this.tracker.awaitEvent("signup", Duration.ZERO)).isSameAs(event);
	}

	@Test
	void awaitEventFailsAfterTimeoutListingRecordedEvents() {
		this.tracker.track(UmamiEvent.event("signup").data("plan", "pro").build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.tracker.awaitEvent("purchase", Duration.ofMillis(50)))
			.withMessageContaining("Expected an Umami event named \"purchase\" to be tracked within PT0.05S")
			.withMessageContaining("1 event was recorded:")
			.withMessageContaining("event \"signup\" data={plan=pro}");
	}

	@Test
	void awaitPageviewWaitsForPageviewOfUrl() {
		this.tracker.track(UmamiEvent.event("/pricing").build());
		this.executor.schedule(() -> this.tracker.track(UmamiEvent.pageview("/pricing").build()), 100,
				TimeUnit.MILLISECONDS);
		UmamiEvent pageview = this.tracker.awaitPageview("/pricing", TIMEOUT);
		assertThat(pageview.getKind()).isEqualTo(UmamiEvent.Kind.PAGEVIEW);
		assertThat(pageview.getUrl()).isEqualTo("/pricing");
	}

	@Test
	void awaitEventCountWaitsForThatManyEvents() {
		for (int i = 0; i < 3; i++) {
			int index = i;
			this.executor.schedule(() -> this.tracker.track(UmamiEvent.event("job-" + index).build()), 50 * (i + 1),
					TimeUnit.MILLISECONDS);
		}
		assertThat(this.tracker.awaitEventCount(3, TIMEOUT)).extracting(UmamiEvent::getName)
			.containsExactlyInAnyOrder("job-0", "job-1", "job-2");
	}

	@Test
	void awaitEventCountFailsWhenTooFewEventsArrive() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.tracker.awaitEventCount(2, Duration.ofMillis(20)))
			.withMessage("Expected 2 Umami event(s) to be tracked within PT0.02S, but no event was recorded");
	}

}
