package io.github.umamispring.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.RecordingDispatcher;
import io.github.umamispring.delivery.UmamiDeliveryListener;
import io.github.umamispring.testsupport.CapacityUmami;
import io.github.umamispring.testsupport.UmamiFixture;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the auto-configured tracker's limit on requests in flight and its
 * timeouts, against a loopback Umami that writes events at a fixed rate
 * ({@link CapacityUmami}) and against one that stalls.
 *
 * @author umami-spring-boot contributors
 */
class UmamiDeliveryCapacityIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String WEBSITE = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						WebClientAutoConfiguration.class, UmamiAutoConfiguration.class))
		.withPropertyValues("umami.website-id=" + WEBSITE);

	@Test
	void deliversABacklogToAnUmamiWritingAHundredEventsPerSecondWithoutATimeout() {
		try (CapacityUmami umami = new CapacityUmami(100, Duration.ofMillis(1))) {
			// Everything at its default: batches of 100, a 5s read timeout
			this.contextRunner.withPropertyValues("umami.host-url=" + umami.url()).run((context) -> {
				DefaultUmamiTracker tracker = context.getBean(DefaultUmamiTracker.class);
				RecordingListener listener = new RecordingListener();
				tracker.addListener(listener);
				List<String> names = track(tracker, "e", 1000);
				tracker.flush().block(TIMEOUT);
				assertThat(listener.outcomes()).hasSize(1000).containsOnly("accepted");
				assertThat(listener.requestOutcomes).doesNotContain("batch:failed");
				assertThat(umami.stored()).containsExactlyInAnyOrderElementsOf(names);
				// Waiting events filled the batches while the limit was reached
				assertThat(umami.requests()).isLessThanOrEqualTo(15);
				assertThat(umami.maxInFlight()).isLessThanOrEqualTo(4);
			});
		}
	}

	@Test
	void limitShrinksWhenUmamiAnswers503AndGrowsBackOnceItRecovers() {
		try (CapacityUmami umami = new CapacityUmami(10_000, Duration.ofMillis(1))) {
			this.contextRunner
				.withPropertyValues("umami.host-url=" + umami.url(), "umami.delivery.queue.capacity=20000",
						"umami.delivery.retry.initial-backoff=10ms", "umami.delivery.retry.max-backoff=50ms",
						"umami.delivery.retry.max-attempts=1000")
				.run((context) -> {
					DefaultUmamiTracker tracker = context.getBean(DefaultUmamiTracker.class);
					RecordingListener listener = new RecordingListener();
					tracker.addListener(listener);
					assertThat(tracker.getInFlightLimit()).isEqualTo(1);
					List<String> names = new ArrayList<>(track(tracker, "before", 5000));
					await().atMost(TIMEOUT).until(() -> tracker.getInFlightLimit() >= 2);
					tracker.flush().block(TIMEOUT);
					umami.setUnavailable(true);
					names.addAll(track(tracker, "during", 500));
					await().atMost(TIMEOUT).until(() -> tracker.getInFlightLimit() == 1);
					umami.setUnavailable(false);
					names.addAll(track(tracker, "after", 5000));
					await().atMost(TIMEOUT).until(() -> tracker.getInFlightLimit() >= 2);
					tracker.flush().block(TIMEOUT);
					assertThat(listener.outcomes()).hasSize(10_500).containsOnly("accepted");
					assertThat(umami.stored()).containsExactlyInAnyOrderElementsOf(names);
				});
		}
	}

	@Test
	void givesABatchTimeToBeWrittenBeyondTheReadTimeout() {
		try (CapacityUmami umami = new CapacityUmami(50, Duration.ofMillis(1))) {
			// A second to write 50 events, more than the read timeout for one event
			this.contextRunner
				.withPropertyValues("umami.host-url=" + umami.url(), "umami.delivery.read-timeout=300ms",
						"umami.delivery.batch.max-size=50", "umami.delivery.batch.max-wait=2s")
				.run((context) -> {
					DefaultUmamiTracker tracker = context.getBean(DefaultUmamiTracker.class);
					RecordingListener listener = new RecordingListener();
					tracker.addListener(listener);
					track(tracker, "e", 50);
					tracker.flush().block(TIMEOUT);
					assertThat(umami.requests()).isOne();
					assertThat(listener.outcomes()).hasSize(50).containsOnly("accepted");
				});
		}
	}

	@Test
	void failsAnEventWhoseAnswerStallsAfterItsHeadersAndFreesItsSlotWithoutRetrying() throws IOException {
		RecordingDispatcher dispatcher = new RecordingDispatcher((request) -> (request.index() == 0)
				? new MockResponse.Builder().body(UmamiFixture.load("send-event-accepted").responseBody())
					.onResponseBody(SocketEffect.Stall.INSTANCE)
					.build()
				: UmamiFixture.load("send-event-accepted").response());
		try (MockWebServer server = new MockWebServer()) {
			server.setDispatcher(dispatcher);
			server.start();
			// The JDK's client times out until the headers only (given three seconds
			// here, so that a loaded machine gets the headers in time); the bound of the
			// request, half a second more, times out the stalled body; one request at a
			// time
			this.contextRunner
				.withPropertyValues("umami.host-url=" + server.url("/"), "spring.http.clients.reactive.connector=jdk",
						"umami.delivery.connect-timeout=500ms", "umami.delivery.read-timeout=3s",
						"umami.delivery.max-in-flight=1", "umami.delivery.batch.enabled=false")
				.run((context) -> {
					DefaultUmamiTracker tracker = context.getBean(DefaultUmamiTracker.class);
					RecordingListener listener = new RecordingListener();
					tracker.addListener(listener);
					tracker.track(UmamiEvent.event("stalled").build());
					tracker.track(UmamiEvent.event("next").build());
					tracker.flush().block(TIMEOUT);
					assertThat(listener.results).hasSize(2);
					assertThat(listener.results.peek()).isInstanceOfSatisfying(UmamiResult.Failed.class,
							(failed) -> assertThat(failed.cause()).isInstanceOf(TimeoutException.class)
								.hasMessageContaining("No answer from Umami within"));
					assertThat(listener.outcomes()).containsExactly("failed", "accepted");
					assertThat(dispatcher.received()).hasSize(2);
				});
		}
	}

	private static List<String> track(DefaultUmamiTracker tracker, String prefix, int count) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = prefix + i;
			names.add(name);
			tracker.track(UmamiEvent.event(name).ip("192.0.2." + (i % 200)).build());
		}
		return names;
	}

	static final class RecordingListener implements UmamiDeliveryListener {

		final Queue<UmamiResult> results = new ConcurrentLinkedQueue<>();

		final Queue<String> requestOutcomes = new ConcurrentLinkedQueue<>();

		@Override
		public void onResult(UmamiEvent event, UmamiResult result) {
			this.results.add(result);
		}

		@Override
		public void onRequest(String endpoint, String outcome, Duration duration) {
			this.requestOutcomes.add(endpoint + ":" + outcome);
		}

		List<String> outcomes() {
			return this.results.stream().map(UmamiResult::outcome).toList();
		}

	}

}
