package io.github.umamispring.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.umamispring.testsupport.UmamiFixture;
import io.github.umamispring.testsupport.UmamiServerLimits;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.springframework.boot.json.BasicJsonParser;
import org.springframework.boot.json.JsonWriter;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A loopback stand-in for Umami: answers every send with the recorded Umami 3.1.0
 * response (of an event or a pageview), giving each visitor (by payload IP) its own cache
 * token, and records when requests arrive and are answered. A payload the real server
 * refuses (see {@link UmamiServerLimits}) gets its recorded refusal.
 */
final class UmamiStandIn implements AutoCloseable {

	static final String WEBSITE_ID = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private static final BasicJsonParser json = new BasicJsonParser();

	private final MockWebServer server = new MockWebServer();

	private final Map<String, Object> eventAcceptedBody;

	private final Map<String, Object> pageviewAcceptedBody;

	private final Map<String, AtomicInteger> tokenCounters = new ConcurrentHashMap<>();

	private final List<String> timeline;

	private final List<String> refusals = new CopyOnWriteArrayList<>();

	private volatile CountDownLatch answerGate = new CountDownLatch(0);

	UmamiStandIn(List<String> timeline) throws IOException {
		this.timeline = timeline;
		this.eventAcceptedBody = readFixtureResponseBody("send-event-accepted.json");
		this.pageviewAcceptedBody = readFixtureResponseBody("send-pageview-accepted.json");
		this.server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				return answer(request);
			}

		});
		this.server.start();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> readFixtureResponseBody(String name) throws IOException {
		try (InputStream in = new ClassPathResource("fixtures/umami-3.1.0/" + name).getInputStream()) {
			Map<String, Object> fixture = json.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			return (Map<String, Object>) ((Map<String, Object>) fixture.get("response")).get("body");
		}
	}

	String hostUrl() {
		return "http://localhost:" + this.server.getPort();
	}

	/**
	 * Hold every answer until {@link #openGate()} is called or five seconds have passed.
	 */
	void holdAnswers() {
		this.answerGate = new CountDownLatch(1);
	}

	void openGate() {
		this.answerGate.countDown();
	}

	private MockResponse answer(RecordedRequest request) throws InterruptedException {
		this.timeline.add("umami:received");
		this.answerGate.await(5, TimeUnit.SECONDS);
		Map<String, Object> payload = payload(request);
		UmamiFixture refusal = UmamiServerLimits.refusal(payload);
		if (refusal != null) {
			this.refusals.add(refusal.name());
			this.timeline.add("umami:answered");
			return refusal.response();
		}
		String ip = String.valueOf(payload.get("ip"));
		int count = this.tokenCounters.computeIfAbsent(ip, (key) -> new AtomicInteger()).incrementAndGet();
		Map<String, Object> body = new LinkedHashMap<>(
				payload.containsKey("name") ? this.eventAcceptedBody : this.pageviewAcceptedBody);
		body.put("cache", tokenFor(ip, count));
		this.timeline.add("umami:answered");
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body(JsonWriter.standard().writeToString(body))
			.build();
	}

	/**
	 * Return the recorded refusals answered so far, by fixture name.
	 * @return the refusals
	 */
	List<String> refusals() {
		return this.refusals;
	}

	static String tokenFor(String ip, int count) {
		return "token-" + ip + "-" + count;
	}

	RecordedRequest takeRequest() throws InterruptedException {
		RecordedRequest request = this.server.takeRequest(10, TimeUnit.SECONDS);
		assertThat(request).as("request sent to Umami").isNotNull();
		return request;
	}

	static String body(RecordedRequest request) {
		return request.getBody().utf8();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> payload(RecordedRequest request) {
		return (Map<String, Object>) json.parseMap(body(request)).get("payload");
	}

	@Override
	public void close() {
		this.answerGate.countDown();
		this.server.close();
	}

}
