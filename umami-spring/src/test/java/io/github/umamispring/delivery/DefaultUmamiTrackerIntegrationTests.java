package io.github.umamispring.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiHttpException;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.internal.RepeatedProblemLog;
import io.github.umamispring.testsupport.CapturedOutput;
import io.github.umamispring.testsupport.Json;
import io.github.umamispring.testsupport.OutputCaptureExtension;
import io.github.umamispring.testsupport.TestClock;
import io.github.umamispring.testsupport.UmamiFixture;
import io.github.umamispring.transport.UmamiRequest;
import io.github.umamispring.transport.WebClientUmamiTransport;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link DefaultUmamiTracker}'s delivery of submitted events against a loopback
 * server that answers with recorded Umami responses or with scripted faults.
 *
 * @author umami-spring-boot contributors
 */
class DefaultUmamiTrackerIntegrationTests {

	private static final String WEBSITE = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) umami-spring-boot";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<DefaultUmamiTracker> trackers = new ArrayList<>();

	private final List<MockWebServer> servers = new ArrayList<>();

	private final RecordingListener listener = new RecordingListener();

	@AfterEach
	void stop() {
		this.trackers.forEach(DefaultUmamiTracker::stop);
		this.servers.forEach(MockWebServer::close);
	}

	@ParameterizedTest(name = "batch: {0}")
	@ValueSource(booleans = { false, true })
	void deliversEveryQueuedEventOnceWhenUmamiComesBack(boolean batch) throws IOException {
		int port = freePort();
		DefaultUmamiTracker tracker = tracker(port, options(100, false, batch));
		for (int i = 0; i < 50; i++) {
			tracker.track(event("e" + i));
		}
		await().atMost(TIMEOUT).until(() -> this.listener.requests("failed") >= 3);
		assertThat(this.listener.results).isEmpty();
		assertThat(tracker.getQueueSize()).isEqualTo(50);
		RecordingDispatcher umami = new RecordingDispatcher((request) -> request.path().equals("/api/batch")
				? batchAccepted(request.jsonArray().size()) : UmamiFixture.load("send-event-accepted").response());
		start(umami, port);
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		List<Object> names = new ArrayList<>();
		umami.received("/api/send").forEach((request) -> names.add(request.payload().get("name")));
		umami.received("/api/batch")
			.forEach((request) -> request.jsonArray()
				.forEach((item) -> names.add(((Map<?, ?>) ((Map<?, ?>) item).get("payload")).get("name"))));
		assertThat(names).hasSize(50).doesNotHaveDuplicates();
		assertThat(this.listener.outcomes()).containsOnly("accepted").hasSize(50);
		assertThat(tracker.getQueueSize()).isZero();
	}

	@Test
	void retriesServiceUnavailableUntilAccepted() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher((request) -> (request.index() < 2)
				? new MockResponse.Builder().code(503).body("Service Unavailable").build()
				: UmamiFixture.load("send-event-accepted").response());
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, false));
		tracker.track(event("signup"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(umami.received()).hasSize(3);
		assertThat(this.listener.outcomes()).containsExactly("accepted");
		assertThat(this.listener.requestOutcomes).containsExactly("send:failed", "send:failed", "send:accepted");
	}

	@Test
	void waitsForRetryAfterBeforeTheNextAttempt() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher((request) -> (request.index() == 0)
				? new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("Too Many Requests").build()
				: UmamiFixture.load("send-event-accepted").response());
		// Retry-After is honoured up to the longest backoff, here longer than it
		DefaultUmamiTracker tracker = tracker(start(umami),
				options(100, false, false).toBuilder().maxBackoff(Duration.ofSeconds(2)).build());
		tracker.track(event("signup"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(umami.received()).hasSize(2);
		long gap = umami.received().get(1).nanoTime() - umami.received().get(0).nanoTime();
		assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(this.listener.outcomes()).containsExactly("accepted");
	}

	@Test
	void givesUpAfterMaxAttempts() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher(
				(request) -> new MockResponse.Builder().code(502).body("Bad Gateway").build());
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, false));
		tracker.track(event("signup"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(umami.received()).hasSize(3);
		assertThat(this.listener.results).singleElement()
			.isInstanceOfSatisfying(UmamiResult.Failed.class, (failed) -> assertThat(failed.cause())
				.isInstanceOfSatisfying(UmamiHttpException.class, (ex) -> assertThat(ex.getStatus()).isEqualTo(502)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 403, 404, 500 })
	void neverRetriesAnAnswerThatMayFollowAStoredEventOrWouldBeRefusedAgain(int status) throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher(
				(request) -> new MockResponse.Builder().code(status).body("{\"error\":{\"message\":\"No\"}}").build());
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, false));
		tracker.track(event("signup"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(umami.received()).hasSize(1);
		assertThat(this.listener.outcomes()).containsExactly((status == 500) ? "failed" : "rejected");
	}

	@Test
	void neverRetriesABotAnswer() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher(
				(request) -> UmamiFixture.load("send-bot-filtered").response());
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, false));
		tracker.track(event("signup"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(umami.received()).hasSize(1);
		assertThat(this.listener.outcomes()).containsExactly("bot");
	}

	@Test
	void responseTimeoutFailsTheEventWithoutRetryingIt() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher(
				(request) -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, false), Duration.ofMillis(300));
		tracker.track(event("signup"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(umami.received()).hasSize(1);
		assertThat(this.listener.results).singleElement()
			.isInstanceOfSatisfying(UmamiResult.Failed.class, (failed) -> assertThat(failed.cause())
				.hasRootCauseInstanceOf(io.netty.handler.timeout.ReadTimeoutException.class));
	}

	@Test
	void dropsNewestEventsBeyondCapacityAndCountsThem() throws IOException {
		DefaultUmamiTracker tracker = tracker(freePort(), options(10, false, false));
		for (int i = 0; i < 25; i++) {
			tracker.track(event("e" + i));
		}
		assertThat(this.listener.outcomes()).containsOnly("dropped").hasSize(15);
		assertThat(tracker.getQueueSize()).isEqualTo(10);
		assertThat(this.listener.results).extracting((result) -> ((UmamiResult.Dropped) result).reason())
			.containsOnly("the Umami queue is full");
	}

	@Test
	void dropsOldestWaitingEventsWhenSoConfigured() throws IOException {
		int port = freePort();
		DefaultUmamiTracker tracker = tracker(port, options(3, true, false));
		for (int i = 0; i < 5; i++) {
			tracker.track(event("e" + i));
		}
		assertThat(this.listener.outcomes()).containsOnly("dropped").hasSize(2);
		List<String> dropped = new ArrayList<>(this.listener.resultsByEvent.keySet());
		RecordingDispatcher umami = new RecordingDispatcher(
				(request) -> UmamiFixture.load("send-event-accepted").response());
		start(umami, port);
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		// Which events were still waiting (not yet being sent) depends on the sender; the
		// queue's own tests show which ones are dropped
		List<Object> received = umami.received().stream().map((request) -> request.payload().get("name")).toList();
		assertThat(received).hasSize(3).doesNotContainAnyElementsOf(dropped);
	}

	@Test
	void datesAnEventDeliveredMoreThanAMinuteLate() throws IOException {
		Instant submitted = Instant.parse("2026-01-01T10:00:00Z");
		// Two minutes pass between the submission (on this thread) and any attempt
		Thread testThread = Thread.currentThread();
		Clock clock = new TestClock(
				() -> (Thread.currentThread() == testThread) ? submitted : submitted.plus(Duration.ofMinutes(2)));
		RecordingDispatcher umami = new RecordingDispatcher(
				(request) -> UmamiFixture.load("send-event-accepted").response());
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, false));
		tracker.setClock(clock);
		tracker.track(event("late"));
		tracker.track(UmamiEvent.event("dated").timestamp(Instant.parse("2025-12-31T00:00:00Z")).build());
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		Map<Object, Object> timestamps = new java.util.HashMap<>();
		umami.received()
			.forEach((request) -> timestamps.put(request.payload().get("name"), request.payload().get("timestamp")));
		assertThat(timestamps).containsEntry("late", submitted.getEpochSecond())
			.containsEntry("dated", Instant.parse("2025-12-31T00:00:00Z").getEpochSecond());
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void warnsOfARepeatedRefusalOncePerWindowWithTheRepeatsSince(CapturedOutput output) throws IOException {
		AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-05T09:00:00Z"));
		RecordingDispatcher umami = new RecordingDispatcher(
				(request) -> UmamiFixture.load("send-unknown-website").response());
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, false));
		tracker.setClock(new TestClock(now::get));
		String refusal = "with 400: Website not found.";
		for (int i = 0; i < 3; i++) {
			tracker.track(event("refused-" + i));
		}
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(warnings(output, refusal)).singleElement()
			.asString()
			.endsWith("(repeats within 5 minutes are logged at DEBUG)");
		now.set(now.get().plus(RepeatedProblemLog.DEFAULT_INTERVAL));
		tracker.track(event("refused-again"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(warnings(output, refusal)).hasSize(2)
			.last()
			.asString()
			.contains("refused-again")
			.contains("(2 more since the last warning, logged at DEBUG;");
		assertThat(umami.received()).hasSize(4);
	}

	private static List<String> warnings(CapturedOutput output, String text) {
		return output.getOut().lines().filter((line) -> line.contains(" WARN ") && line.contains(text)).toList();
	}

	@Test
	void doesNotDateAnEventDeliveredInTime() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher(
				(request) -> UmamiFixture.load("send-event-accepted").response());
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, false));
		tracker.track(event("prompt"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(umami.received()).singleElement()
			.satisfies((request) -> assertThat(request.payload()).doesNotContainKey("timestamp"));
	}

	@Test
	void flushCompletesAtOnceWhenNothingIsQueued() {
		DefaultUmamiTracker tracker = tracker(1, options(100, false, false));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
	}

	@Test
	void stopDeliversWhatIsQueued() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher(
				(request) -> UmamiFixture.load("send-event-accepted").response());
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, false));
		for (int i = 0; i < 30; i++) {
			tracker.track(event("e" + i));
		}
		tracker.stop();
		assertThat(umami.received()).hasSize(30);
		assertThat(tracker.isRunning()).isFalse();
		tracker.track(event("after"));
		assertThat(this.listener.outcomes()).filteredOn("dropped"::equals).hasSize(1);
	}

	@Test
	void stopAbandonsWhatCannotBeDeliveredWithinTheShutdownTimeout() throws IOException {
		DefaultUmamiTracker tracker = tracker(freePort(),
				UmamiDeliveryOptions.builder()
					.queueCapacity(100)
					.maxAttempts(3)
					.initialBackoff(Duration.ofMillis(5))
					.maxBackoff(Duration.ofMillis(20))
					.batchEnabled(false)
					.batchMaxSize(1)
					.batchMaxWait(Duration.ZERO)
					.shutdownTimeout(Duration.ofMillis(200))
					.build());
		for (int i = 0; i < 20; i++) {
			tracker.track(event("e" + i));
		}
		tracker.stop();
		assertThat(this.listener.outcomes()).containsOnly("dropped").hasSize(20);
		assertThat(tracker.getQueueSize()).isZero();
	}

	@Test
	void batchMapsEachItemsAnswerBackToItsEvent() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher((request) -> UmamiFixture.load("batch-mixed").response());
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, true));
		tracker.track(event("first"));
		tracker.track(UmamiEvent.pageview("/home").build());
		tracker.track(UmamiEvent.pageview("/x").website("00000000-0000-4000-8000-000000000000").build());
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(umami.received()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/api/batch");
			assertThat(request.jsonArray()).hasSize(3);
		});
		assertThat(this.listener.resultsByEvent.get("first")).isInstanceOf(UmamiResult.Accepted.class);
		assertThat(this.listener.resultsByEvent.get("/home")).isInstanceOf(UmamiResult.Accepted.class);
		assertThat(this.listener.resultsByEvent.get("/x"))
			.isEqualTo(new UmamiResult.Rejected(400, "Website not found."));
	}

	@Test
	@SuppressWarnings("unchecked")
	void batchOfMixedVisitorsCarriesEachVisitorInItsItemAndNoCacheToken() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher((request) -> request.path().equals("/api/send")
				? UmamiFixture.load("send-event-accepted").response() : batchAccepted(request.jsonArray().size()));
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, true));
		String alice = "Mozilla/5.0 (Windows NT 10.0) Firefox/126.0";
		String bob = "Mozilla/5.0 (Macintosh) Safari/605.1.15";
		// Alice gets a cache token first
		tracker.send(UmamiEvent.event("login").ip("203.0.113.7").userAgent(alice).build()).block(TIMEOUT);
		tracker.track(UmamiEvent.event("a").ip("203.0.113.7").userAgent(alice).build());
		tracker.track(UmamiEvent.event("b").ip("198.51.100.23").userAgent(bob).build());
		tracker.track(UmamiEvent.event("c").ip("203.0.113.7").userAgent(alice).build());
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		RecordingDispatcher.Received batch = umami.received("/api/batch").get(0);
		assertThat(batch.header("x-umami-cache")).isNull();
		assertThat(batch.header("User-Agent")).isEqualTo(AGENT);
		List<Map<String, Object>> payloads = batch.jsonArray()
			.stream()
			.map((item) -> (Map<String, Object>) ((Map<String, Object>) item).get("payload"))
			.toList();
		assertThat(payloads)
			.extracting((payload) -> payload.get("name"), (payload) -> payload.get("ip"),
					(payload) -> payload.get("userAgent"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("a", "203.0.113.7", alice),
					org.assertj.core.groups.Tuple.tuple("b", "198.51.100.23", bob),
					org.assertj.core.groups.Tuple.tuple("c", "203.0.113.7", alice));
	}

	@Test
	void batchOfOneVisitorSendsItsCacheToken() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher((request) -> request.path().equals("/api/send")
				? UmamiFixture.load("send-event-accepted").response() : batchAccepted(2));
		DefaultUmamiTracker tracker = tracker(start(umami), options(2, false, true));
		tracker.send(UmamiEvent.event("login").ip("203.0.113.7").build()).block(TIMEOUT);
		tracker.track(UmamiEvent.event("a").ip("203.0.113.7").build());
		tracker.track(UmamiEvent.event("b").ip("203.0.113.7").build());
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		// The token Umami gave the visitor's tracked login, not one of a batch answer
		String loginToken = (String) Json.parseMap(UmamiFixture.load("send-event-accepted").responseBody())
			.get("cache");
		assertThat(umami.received("/api/batch")).singleElement()
			.satisfies((batch) -> assertThat(batch.header("x-umami-cache")).isEqualTo(loginToken));
	}

	@Test
	void asksForTheBatchEndpointAgainFiveMinutesAfterItWasMissing() throws IOException {
		java.util.concurrent.atomic.AtomicBoolean deployed = new java.util.concurrent.atomic.AtomicBoolean();
		RecordingDispatcher umami = new RecordingDispatcher(
				(request) -> (request.path().equals("/api/batch") && !deployed.get())
						? new MockResponse.Builder().code(405).body("Method Not Allowed").build()
						: request.path().equals("/api/batch") ? batchAccepted(request.jsonArray().size())
								: UmamiFixture.load("send-event-accepted").response());
		TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
		DefaultUmamiTracker tracker = tracker(start(umami), options(3, false, true));
		tracker.setClock(clock);
		trackThree(tracker, "a");
		// A deploy or a CDN answered for a while: one by one, then a batch again
		deployed.set(true);
		trackThree(tracker, "b");
		assertThat(umami.received("/api/batch")).hasSize(1);
		assertThat(umami.received("/api/send")).extracting((request) -> request.payload().get("name"))
			.containsExactlyInAnyOrder("a0", "a1", "a2", "b0", "b1", "b2");
		clock.advance(Duration.ofMinutes(UmamiDelivery.BATCH_FALLBACK_MINUTES));
		// The first delivery after the window may have been sized before it ended
		trackThree(tracker, "c");
		trackThree(tracker, "d");
		assertThat(umami.received("/api/batch")).hasSizeGreaterThan(1)
			.last()
			.satisfies((batch) -> assertThat(batch.body()).contains("\"d2\""));
		assertThat(this.listener.outcomes()).containsOnly("accepted").hasSize(12);
	}

	private static void trackThree(DefaultUmamiTracker tracker, String prefix) {
		for (int i = 0; i < 3; i++) {
			tracker.track(event(prefix + i));
		}
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
	}

	@Test
	void batchFallsBackToSendOnceWhenTheServerHasNoBatchEndpoint() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher((request) -> request.path().equals("/api/batch")
				? new MockResponse.Builder().code(404).body("Not Found").build()
				: UmamiFixture.load("send-event-accepted").response());
		DefaultUmamiTracker tracker = tracker(start(umami), options(3, false, true));
		for (int i = 0; i < 3; i++) {
			tracker.track(event("e" + i));
		}
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		for (int i = 3; i < 6; i++) {
			tracker.track(event("e" + i));
		}
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(umami.received("/api/batch")).hasSize(1);
		assertThat(umami.received("/api/send")).extracting((request) -> request.payload().get("name"))
			.containsExactlyInAnyOrder("e0", "e1", "e2", "e3", "e4", "e5");
		assertThat(this.listener.outcomes()).containsOnly("accepted").hasSize(6);
	}

	@Test
	void batchRetriesAGatewayErrorAsAWhole() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher(
				(request) -> (request.index() == 0) ? new MockResponse.Builder().code(502).build() : batchAccepted(2));
		DefaultUmamiTracker tracker = tracker(start(umami), options(2, false, true));
		tracker.track(event("a"));
		tracker.track(event("b"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(umami.received("/api/batch")).hasSize(2);
		assertThat(this.listener.outcomes()).containsOnly("accepted").hasSize(2);
	}

	@Test
	void sendsOneEventPerRequestThroughATransportWithoutBatches() {
		Queue<UmamiRequest> sent = new ConcurrentLinkedQueue<>();
		DefaultUmamiTracker tracker = new DefaultUmamiTracker((request) -> {
			sent.add(request);
			return reactor.core.publisher.Mono.just(new UmamiResult.Dropped("dry run"));
		}, new UmamiEventDefaults(WEBSITE, null, AGENT), options(100, false, true));
		this.trackers.add(tracker);
		for (int i = 0; i < 3; i++) {
			tracker.track(event("e" + i));
		}
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(sent).hasSize(3).allSatisfy((request) -> assertThat(request.body()).startsWith("{"));
	}

	@Test
	void failsAnEventWhoseTransportCompletesWithoutAnswer() {
		DefaultUmamiTracker tracker = new DefaultUmamiTracker((request) -> reactor.core.publisher.Mono.empty(),
				new UmamiEventDefaults(WEBSITE, null, AGENT), options(100, false, false));
		tracker.addListener(this.listener);
		this.trackers.add(tracker);
		tracker.track(event("lost"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		StepVerifier.create(tracker.send(event("tracked")))
			.assertNext((result) -> assertThat(result).isInstanceOfSatisfying(UmamiResult.Failed.class,
					(failed) -> assertThat(failed.cause())
						.hasMessage("The Umami transport completed without an answer")))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.listener.resultsByEvent.get("lost")).isInstanceOfSatisfying(UmamiResult.Failed.class,
				(failed) -> assertThat(failed.cause()).hasMessage("The Umami transport completed without an answer"));
		assertThat(this.listener.outcomes()).containsExactly("failed", "failed");
	}

	@Test
	void failsAnEventWhoseTransportNeverAnswersAndFreesItsSlotWithoutRetrying() {
		java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
		UmamiDeliveryOptions options = options(100, false, false).toBuilder()
			.maxInFlight(1)
			.connectTimeout(Duration.ofMillis(100))
			.readTimeout(Duration.ofMillis(200))
			.readTimeoutPerEvent(Duration.ofMillis(100))
			.build();
		DefaultUmamiTracker tracker = new DefaultUmamiTracker(
				(request) -> (calls.getAndIncrement() == 0) ? reactor.core.publisher.Mono.never()
						: reactor.core.publisher.Mono.just(new UmamiResult.Accepted(null, null, null)),
				new UmamiEventDefaults(WEBSITE, null, AGENT), options);
		tracker.addListener(this.listener);
		this.trackers.add(tracker);
		tracker.track(event("stuck"));
		tracker.track(event("next"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(this.listener.resultsByEvent.get("stuck")).isInstanceOfSatisfying(UmamiResult.Failed.class,
				(failed) -> assertThat(failed.cause()).isInstanceOf(java.util.concurrent.TimeoutException.class)
					.hasMessageContaining("within 300 ms"));
		assertThat(this.listener.resultsByEvent.get("next")).isInstanceOf(UmamiResult.Accepted.class);
		assertThat(calls).hasValue(2);
		// The direct send is bounded too
		calls.set(0);
		StepVerifier.create(tracker.send(event("direct")))
			.assertNext((result) -> assertThat(result).isInstanceOf(UmamiResult.Failed.class))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void trackSendsOnceAndReturnsTheVerdict() throws IOException {
		RecordingDispatcher umami = new RecordingDispatcher((request) -> (request.index() == 0)
				? new MockResponse.Builder().code(503).build() : UmamiFixture.load("send-event-accepted").response());
		DefaultUmamiTracker tracker = tracker(start(umami), options(100, false, false));
		StepVerifier.create(tracker.send(event("signup")))
			.assertNext((result) -> assertThat(result).isInstanceOfSatisfying(UmamiResult.Failed.class,
					(failed) -> assertThat(failed.cause()).isInstanceOfSatisfying(UmamiHttpException.class,
							(ex) -> assertThat(ex.getStatus()).isEqualTo(503))))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(umami.received()).hasSize(1);
	}

	@Test
	void trackFailsAtOnceWhenNothingListens() throws IOException {
		DefaultUmamiTracker tracker = tracker(freePort(), options(100, false, false));
		StepVerifier.create(tracker.send(event("signup")))
			.assertNext((result) -> assertThat(result).isInstanceOf(UmamiResult.Failed.class))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.listener.requests("failed")).isOne();
	}

	private static MockResponse batchAccepted(int size) {
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"size\":" + size + ",\"processed\":" + size
					+ ",\"errors\":0,\"details\":[],\"cache\":\"eyJbatch\"}")
			.build();
	}

	private static UmamiEvent event(String name) {
		return UmamiEvent.event(name).build();
	}

	private static UmamiDeliveryOptions options(int capacity, boolean dropOldest, boolean batch) {
		return UmamiDeliveryOptions.builder()
			.queueCapacity(capacity)
			.dropOldest(dropOldest)
			.maxAttempts(3)
			.initialBackoff(Duration.ofMillis(5))
			.maxBackoff(Duration.ofMillis(40))
			.batchEnabled(batch)
			.batchMaxSize(batch ? 3 : 1)
			.batchMaxWait(batch ? Duration.ofSeconds(2) : Duration.ZERO)
			.shutdownTimeout(Duration.ofSeconds(2))
			.build();
	}

	static UmamiDeliveryOptions withReadTimeout(UmamiDeliveryOptions options, Duration readTimeout) {
		return options.toBuilder().readTimeout(readTimeout).build();
	}

	private DefaultUmamiTracker tracker(int port, UmamiDeliveryOptions options) {
		return tracker(port, options, Duration.ofSeconds(5));
	}

	private DefaultUmamiTracker tracker(int port, UmamiDeliveryOptions options, Duration readTimeout) {
		WebClientUmamiTransport transport = WebClientUmamiTransport.builder("http://127.0.0.1:" + port)
			.connectTimeout(Duration.ofSeconds(1))
			.readTimeout(readTimeout)
			.build();
		DefaultUmamiTracker tracker = new DefaultUmamiTracker(transport,
				new UmamiEventDefaults(WEBSITE, "example.com", AGENT), withReadTimeout(options, readTimeout));
		tracker.addListener(this.listener);
		this.trackers.add(tracker);
		return tracker;
	}

	private int start(RecordingDispatcher dispatcher) throws IOException {
		return start(dispatcher, 0);
	}

	private int start(RecordingDispatcher dispatcher, int port) throws IOException {
		MockWebServer server = new MockWebServer();
		server.setDispatcher(dispatcher);
		server.start(InetAddress.getByName("127.0.0.1"), port);
		this.servers.add(server);
		return server.getPort();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	static final class RecordingListener implements UmamiDeliveryListener {

		final Queue<UmamiResult> results = new ConcurrentLinkedQueue<>();

		final Map<String, UmamiResult> resultsByEvent = new java.util.concurrent.ConcurrentHashMap<>();

		final Queue<String> requestOutcomes = new ConcurrentLinkedQueue<>();

		@Override
		public void onResult(UmamiEvent event, UmamiResult result) {
			this.results.add(result);
			this.resultsByEvent.put((event.getName() != null) ? event.getName() : event.getUrl(), result);
		}

		@Override
		public void onRequest(String endpoint, String outcome, Duration duration) {
			this.requestOutcomes.add(endpoint + ":" + outcome);
		}

		List<String> outcomes() {
			return this.results.stream().map(UmamiResult::outcome).toList();
		}

		long requests(String outcome) {
			return this.requestOutcomes.stream().filter((value) -> value.endsWith(":" + outcome)).count();
		}

	}

}
