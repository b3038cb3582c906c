package io.github.umamispring.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import io.github.umamispring.test.server.ReceivedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts a real application with {@link TrackedController}, calls it over HTTP as a
 * browser behind a proxy would, and asserts what reaches the Umami stand-in.
 */
abstract class AbstractTrackEventIntegrationTests extends AbstractWebIntegrationTests {

	/**
	 * Header that makes the test applications authenticate the request as the named user.
	 */
	static final String TEST_USER_HEADER = "X-Test-User";

	private static final String SESSION_ID = "4c1bd8a4-2d7e-5e2e-9c43-2f8f8f0c9b1a";

	private static final String VISIT_ID = "0f0e6f4e-6a5b-5c8d-8e1f-3a2b1c0d9e8f";

	@Override
	List<String> defaultProperties() {
		return List.of("umami.privacy.exclude-paths=/internal/**");
	}

	/**
	 * Return a path (and query) of a method whose event carries the visitor.
	 * @return the path and query
	 */
	abstract String visitorPath();

	/**
	 * Return the exact Umami payload expected for {@link #visitorPath()}, without the
	 * visitor fields.
	 * @return name and data as JSON members, such as {@code "name":"x","data":{}}
	 */
	abstract String visitorPathEvent();

	/**
	 * Call the marker endpoint and assert that its event is the next one Umami receives,
	 * proving that the calls before it recorded nothing.
	 */
	void assertNextEventIsMarker() throws Exception {
		assertThat(get("/marker").statusCode()).isEqualTo(200);
		ReceivedEvent next = takeEvent();
		assertThat(next.payload()).containsEntry("name", "marker");
	}

	@Test
	void recordsMonoWhenItSucceedsAsTheVisitor() throws Exception {
		startBehindProxy();
		HttpResponse<String> response = get("/mono/orders/42?ref=mail");
		assertThat(response.statusCode()).isEqualTo(200);
		JSONAssert.assertEquals("{\"id\":\"42\",\"plan\":\"team\",\"amount\":7}", response.body(),
				JSONCompareMode.STRICT);
		ReceivedEvent request = takeEvent();
		assertThat(request.request().header("User-Agent")).isEqualTo(BROWSER);
		assertPayload(request, visitorPayload("/mono/orders/42?ref=mail", VISITOR_IP,
				"\"name\":\"mono-order-viewed\",\"data\":{\"id\":\"42\",\"plan\":\"team\",\"amount\":7}"));
	}

	@Test
	void recordsFluxOnceWhenItCompletes() throws Exception {
		startBehindProxy();
		HttpResponse<String> response = get("/flux/items?category=books");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("a", "b", "c");
		ReceivedEvent request = takeEvent();
		assertPayload(request, visitorPayload("/flux/items?category=books", VISITOR_IP,
				"\"name\":\"items-listed\",\"data\":{\"category\":\"books\"}"));
		assertNextEventIsMarker();
	}

	@Test
	void doesNotRecordWhenMethodOrPublisherFails() throws Exception {
		startBehindProxy();
		assertThat(get("/fails").statusCode()).isEqualTo(409);
		assertThat(get("/mono/fails").statusCode()).isEqualTo(409);
		// the stream fails after its first elements: the connection may be cut mid-body
		getIgnoringBrokenResponse("/flux/fails");
		assertNextEventIsMarker();
	}

	@Test
	void doesNotRecordWhenConditionIsFalse() throws Exception {
		startBehindProxy();
		assertThat(get("/conditional?track=false").body()).isEqualTo("tracked: false");
		assertNextEventIsMarker();
		assertThat(get("/conditional?track=true").body()).isEqualTo("tracked: true");
		assertThat(takeEvent().payload()).containsEntry("name", "conditional");
	}

	@Test
	void failingExpressionLeavesResultIntactAndLogsOneWarning(CapturedOutput output) throws Exception {
		startBehindProxy();
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> response = get("/broken");
			assertThat(response.statusCode()).isEqualTo(200);
			JSONAssert.assertEquals("{\"id\":\"9\",\"plan\":\"pro\",\"amount\":9}", response.body(),
					JSONCompareMode.STRICT);
		}
		assertNextEventIsMarker();
		String warning = "@TrackEvent expression '{plan: #result.noSuchProperty}' on ";
		assertThat(output.getOut().lines().filter((line) -> line.contains(warning) && line.contains(" WARN ")))
			.singleElement()
			.asString()
			.contains("TrackedController.broken()");
	}

	@Test
	void removesSecretAndPersonalQueryParametersFromUrlAndReferrer() throws Exception {
		startBehindProxy();
		String secrets = "&token=t0k3n&reset_token=r3s3t&Code=c0d3&state=st4te&e%2Dmail=alice%40example.com";
		String kept = "&promo_code=SPRING&zipcode=10115&keyword=coffee&utm_source=newsletter";
		assertThat(get(visitorPath() + secrets + kept, VISITOR_IP, "Referer",
				"https://shop.example.com/password/reset?resetToken=r3f3rr3r&utm_medium=email")
			.statusCode()).isEqualTo(200);
		ReceivedEvent request = takeEvent();
		assertThat(request.payload()).containsEntry("url", visitorPath() + kept)
			.containsEntry("referrer", "https://shop.example.com/password/reset?utm_medium=email");
		assertThat(request.request().body()).doesNotContain("t0k3n", "r3s3t", "c0d3", "st4te", "alice", "r3f3rr3r");
	}

	@Test
	void removesTheConfiguredQueryParameters() throws Exception {
		startBehindProxy("umami.privacy.exclude-query-parameters=customer",
				"umami.privacy.exclude-query-parameters-exact=src");
		assertThat(get(visitorPath() + "&new_customer=c&src=s&my_src=m&token=t").statusCode()).isEqualTo(200);
		assertThat(takeEvent().payload()).containsEntry("url", visitorPath() + "&my_src=m&token=t");
	}

	@Test
	void sendsNoQueryWhenExcludeQueryIsSet() throws Exception {
		startBehindProxy("umami.privacy.exclude-query=true");
		assertThat(get(visitorPath() + "&utm_source=newsletter").statusCode()).isEqualTo(200);
		assertThat(takeEvent().payload()).containsEntry("url", visitorPath().substring(0, visitorPath().indexOf('?')))
			.containsEntry("referrer", "https://www.google.com/search");
	}

	@Test
	void dryRunLogsEventsWithoutTheVisitorsIpUserAgentOrDistinctId(CapturedOutput output) throws Exception {
		startBehindProxy("umami.host-url=");
		assertThat(get(visitorPath(), VISITOR_IP, TEST_USER_HEADER, "alice").statusCode()).isEqualTo(200);
		flushTracker();
		List<String> logged = output.getOut().lines().filter((line) -> line.contains("Umami dry run")).toList();
		assertThat(logged).singleElement()
			.asString()
			.contains(" INFO ")
			.contains("\"website\":\"" + MockUmamiServer.WEBSITE_ID + "\"")
			.contains(visitorPathEvent())
			.endsWith("(the visitor's IP, User-Agent and distinct id withheld; logged at DEBUG)");
		assertThat(output.getOut().lines().filter((line) -> !line.contains(" DEBUG ")))
			.noneMatch((line) -> line.contains(VISITOR_IP) || line.contains(BROWSER) || line.contains("user-alice"));
	}

	@Test
	void dryRunLogsTheCompleteJsonAtDebug(CapturedOutput output) throws Exception {
		startBehindProxy("umami.host-url=", "logging.level.io.github.umamispring.transport=debug");
		assertThat(get(visitorPath(), VISITOR_IP, TEST_USER_HEADER, "alice").statusCode()).isEqualTo(200);
		flushTracker();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Umami dry run, complete request")))
			.singleElement()
			.asString()
			.contains(" DEBUG ")
			.contains("\"ip\":\"" + VISITOR_IP + "\"", "\"userAgent\":\"" + BROWSER + "\"", "\"id\":\"user-alice\"");
	}

	@Test
	void doesNotRecordRequestsSendingGlobalPrivacyControl() throws Exception {
		startBehindProxy();
		assertThat(get(visitorPath(), VISITOR_IP, "Sec-GPC", "1").statusCode()).isEqualTo(200);
		assertNextEventIsMarker();
	}

	@Test
	void doesNotRecordExcludedPaths() throws Exception {
		startBehindProxy();
		assertThat(get("/internal/ping").body()).isEqualTo("pong");
		assertNextEventIsMarker();
	}

	@Test
	void doesNotSendForgedForwardedForWithoutForwardedHeaderHandling() throws Exception {
		start();
		assertThat(get(visitorPath(), "6.6.6.6").statusCode()).isEqualTo(200);
		ReceivedEvent request = takeEvent();
		assertThat(request.payload()).containsEntry("ip", "127.0.0.1");
		assertThat(request.request().body()).doesNotContain("6.6.6.6");
	}

	@Test
	void anonymizesIpWhenConfigured() throws Exception {
		startBehindProxy("umami.privacy.anonymize-ip=true");
		assertThat(get(visitorPath()).statusCode()).isEqualTo(200);
		assertThat(takeEvent().payload()).containsEntry("ip", "203.0.113.0");
	}

	@Test
	void sendsNoIpWhenForwardingIsDisabled() throws Exception {
		startBehindProxy("umami.privacy.forward-ip=false");
		assertThat(get(visitorPath()).statusCode()).isEqualTo(200);
		assertThat(takeEvent().payload()).doesNotContainKey("ip");
	}

	@Test
	void recordsEventAsTheVisitor() throws Exception {
		startBehindProxy();
		get(visitorPath());
		assertPayload(takeEvent(), visitorPayload(visitorPath(), VISITOR_IP, visitorPathEvent()));
	}

	@Test
	void recordsDistinctIdOfAuthenticatedVisitor() throws Exception {
		startBehindProxy();
		assertThat(get(visitorPath(), VISITOR_IP, TEST_USER_HEADER, "alice").statusCode()).isEqualTo(200);
		assertThat(takeEvent().payload()).containsEntry("id", "user-alice").containsEntry("ip", VISITOR_IP);
	}

	@Test
	void responseArrivesBeforeSlowUmamiAnswers() throws Exception {
		// Umami holds its answer until reset(), or for a minute
		this.umami.delay(Duration.ofMinutes(1));
		startBehindProxy();
		HttpResponse<String> response = get(visitorPath());
		Instant responded = Instant.now();
		this.umami.reset();
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedEvent event = takeEvent();
		ReceivedRequest request = event.request();
		await().atMost(Duration.ofSeconds(10)).until(() -> request.answeredAt() != null);
		assertThat(request.answeredAt()).isAfter(responded);
		assertPayload(event, visitorPayload(visitorPath(), VISITOR_IP, visitorPathEvent()));
	}

	@Test
	void responseIsUnchangedWhenUmamiIsNotListening() throws Exception {
		this.umami.refuseConnections();
		startBehindProxy();
		HttpResponse<String> response = get(visitorPath());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(expectedVisitorPathBody());
		MeterRegistry registry = context().getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> registry.find("umami.send").tag("outcome", "failed").timer() != null);
		// the event waited while Umami was unreachable
		this.umami.acceptConnections();
		assertPayload(takeEvent(), visitorPayload(visitorPath(), VISITOR_IP, visitorPathEvent()));
	}

	/**
	 * Return the response body of {@link #visitorPath()}.
	 * @return the body
	 */
	abstract String expectedVisitorPathBody();

	@Test
	void eachVisitorGetsItsOwnCacheToken() throws Exception {
		startBehindProxy();
		get(visitorPath(), VISITOR_IP);
		ReceivedEvent first = takeEvent();
		get(visitorPath(), OTHER_VISITOR_IP);
		ReceivedEvent other = takeEvent();
		assertThat(first.request().header("x-umami-cache")).isNull();
		assertThat(other.request().header("x-umami-cache")).isNull();
		// the tracker keeps an answer's token before it reports the event delivered
		flushTracker();
		get(visitorPath(), OTHER_VISITOR_IP);
		ReceivedEvent otherAgain = takeEvent();
		assertThat(otherAgain.payload()).containsEntry("ip", OTHER_VISITOR_IP);
		String otherToken = this.umami.cacheTokenFor(OTHER_VISITOR_IP, BROWSER);
		assertThat(otherAgain.request().header("x-umami-cache")).isNotNull().isEqualTo(otherToken);
		// the visitor's next answer carries a new token, which must replace the first
		flushTracker();
		String newToken = "new-token-of-" + VISITOR_IP;
		this.umami.respondWith(200, "{\"cache\":\"" + newToken + "\",\"sessionId\":\"" + SESSION_ID
				+ "\",\"visitId\":\"" + VISIT_ID + "\"}", 1);
		get(visitorPath(), VISITOR_IP);
		ReceivedEvent firstAgain = takeEvent();
		assertThat(firstAgain.payload()).containsEntry("ip", VISITOR_IP);
		assertThat(firstAgain.request().header("x-umami-cache")).isNotNull()
			.isEqualTo(this.umami.cacheTokenFor(VISITOR_IP, BROWSER))
			.isNotEqualTo(otherToken);
		flushTracker();
		get(visitorPath(), VISITOR_IP);
		assertThat(takeEvent().request().header("x-umami-cache")).isEqualTo(newToken);
	}

}
