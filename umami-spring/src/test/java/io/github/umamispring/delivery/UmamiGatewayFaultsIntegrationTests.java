package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import io.github.umamispring.testsupport.LoopbackGateway;
import io.github.umamispring.transport.WebClientUmamiTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery through a gateway in front of Umami that misbehaves as nginx, a CDN or a rate
 * limiter does: what is retried, what is not, and what keeps flowing. Each event carries
 * its number, so that the events Umami stored can be counted one by one.
 */
class UmamiGatewayFaultsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final int EVENTS = 30;

	private final MockUmamiServer umami = MockUmamiServer.start();

	private final LoopbackGateway gateway = LoopbackGateway.start(this.umami.getHostUrl());

	private final List<UmamiResult> results = new CopyOnWriteArrayList<>();

	private final List<DefaultUmamiTracker> trackers = new ArrayList<>();

	@AfterEach
	void stop() {
		this.trackers.forEach(DefaultUmamiTracker::stop);
		this.gateway.close();
		this.umami.close();
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void doesNotRetryA504AfterUmamiStoredTheEvents(boolean batch) {
		String path = batch ? "/api/batch" : "/api/send";
		this.gateway.answerAfterForwarding(path, 504, 3);
		DefaultUmamiTracker tracker = tracker(batch);
		trackAll(tracker);
		assertThat(storedNumbers()).as("each event stored once").containsExactlyInAnyOrderElementsOf(numbers());
		assertThat(this.gateway.exchanges((exchange) -> exchange.status() == 504)).hasSize(3);
		int failed = batch ? (int) countFailedBatchEvents() : 3;
		assertThat(this.results).filteredOn(UmamiResult.Failed.class::isInstance).hasSize(failed);
		assertThat(this.results).filteredOn(UmamiResult::isAccepted).hasSize(EVENTS - failed);
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void retriesA502ThatNeverReachedUmami(boolean batch) {
		String path = batch ? "/api/batch" : "/api/send";
		this.gateway.answerWithoutForwarding(path, 502, null, 3);
		DefaultUmamiTracker tracker = tracker(batch);
		trackAll(tracker);
		assertThat(storedNumbers()).as("each event stored once").containsExactlyInAnyOrderElementsOf(numbers());
		assertThat(this.results).hasSize(EVENTS).allMatch(UmamiResult::isAccepted);
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void waitsARetryAfterOfAnHourNoLongerThanTheLongestBackoffWhileOtherEventsFlow(boolean batch) {
		String path = batch ? "/api/batch" : "/api/send";
		this.gateway.answerWithoutForwarding(path, 429, "3600", 1);
		DefaultUmamiTracker tracker = tracker(batch);
		// One event is sent to /api/send, two or more to /api/batch
		int first = batch ? 2 : 1;
		for (int i = 0; i < first; i++) {
			tracker.track(event(i));
		}
		await().atMost(TIMEOUT).until(() -> this.gateway.exchanges().size() == 1);
		for (int i = first; i < EVENTS; i++) {
			tracker.track(event(i));
		}
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(storedNumbers()).as("each event stored once").containsExactlyInAnyOrderElementsOf(numbers());
		assertThat(this.results).hasSize(EVENTS).allMatch(UmamiResult::isAccepted);
		// The rate-limited event waited at most the longest backoff (1 s here), and the
		// others were stored while it waited
		List<Long> stored = storedNumbersInOrder();
		assertThat(stored.indexOf(0L)).as("position of the rate-limited event").isPositive();
	}

	private long countFailedBatchEvents() {
		return this.gateway.exchanges((exchange) -> exchange.status() == 504)
			.stream()
			.mapToLong((exchange) -> exchange.body().split("\"type\"").length - 1)
			.sum();
	}

	private void trackAll(DefaultUmamiTracker tracker) {
		for (int i = 0; i < EVENTS; i++) {
			tracker.track(event(i));
		}
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
	}

	private List<Long> storedNumbers() {
		return storedNumbersInOrder();
	}

	private List<Long> storedNumbersInOrder() {
		return this.umami.events()
			.stream()
			.map(ReceivedEvent::data)
			.map((data) -> ((Number) data.get("n")).longValue())
			.toList();
	}

	private static List<Long> numbers() {
		List<Long> numbers = new ArrayList<>();
		for (long i = 0; i < EVENTS; i++) {
			numbers.add(i);
		}
		return numbers;
	}

	private static UmamiEvent event(int n) {
		return UmamiEvent.event("gateway").data(Map.of("n", n)).build();
	}

	private DefaultUmamiTracker tracker(boolean batch) {
		UmamiDeliveryOptions options = UmamiDeliveryOptions.builder()
			.batchEnabled(batch)
			.batchMaxSize(10)
			.batchMaxWait(Duration.ofMillis(50))
			.initialBackoff(Duration.ofMillis(50))
			.maxBackoff(Duration.ofSeconds(1))
			.shutdownTimeout(Duration.ofSeconds(5))
			.build();
		DefaultUmamiTracker tracker = new DefaultUmamiTracker(
				WebClientUmamiTransport.builder(this.gateway.getUrl()).build(),
				new UmamiEventDefaults(MockUmamiServer.WEBSITE_ID, "example.com", "Mozilla/5.0 (X11; Linux x86_64)"),
				options);
		tracker.addListener(new UmamiDeliveryListener() {

			@Override
			public void onResult(UmamiEvent event, UmamiResult result) {
				UmamiGatewayFaultsIntegrationTests.this.results.add(result);
			}

		});
		tracker.start();
		this.trackers.add(tracker);
		return tracker;
	}

}
