package io.github.umamispring.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts a real application with {@link TrackedController}, calls it over HTTP as a
 * browser behind a proxy would, and asserts what reaches the Umami stand-in.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractTrackEventIntegrationTests {

	static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
			+ " (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	static final String REFERRER = "https://www.google.com/search?q=umami";

	static final String VISITOR_IP = "203.0.113.7";

	static final String OTHER_VISITOR_IP = "198.51.100.23";

	private final HttpClient httpClient = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	final List<String> timeline = new CopyOnWriteArrayList<>();

	UmamiStandIn umami;

	private ConfigurableApplicationContext context;

	private int port;

	@BeforeEach
	void startUmami() throws IOException {
		this.umami = new UmamiStandIn(this.timeline);
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.umami.close();
	}

	/**
	 * Start the application under test.
	 * @param properties properties in {@code name=value} form
	 * @return the context
	 */
	abstract ConfigurableApplicationContext run(String... properties);

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

	void start(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"umami.host-url=" + this.umami.hostUrl(), "umami.website-id=" + UmamiStandIn.WEBSITE_ID,
				"umami.exclude-paths=/internal/**", "logging.level.io.github.umamispring.client=debug"));
		all.addAll(Arrays.asList(properties));
		this.context = run(all.toArray(String[]::new));
		this.port = Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
	}

	void startBehindProxy(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.forward-headers-strategy=framework"));
		all.addAll(Arrays.asList(properties));
		start(all.toArray(String[]::new));
	}

	HttpResponse<String> get(String pathAndQuery, String forwardedFor, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery))
			.timeout(Duration.ofSeconds(20))
			.header("User-Agent", BROWSER)
			.header("Referer", REFERRER)
			.header("Accept-Language", "de-CH,de;q=0.9,en;q=0.8")
			.header("X-Forwarded-For", forwardedFor)
			.header("X-Forwarded-Host", "shop.example.com");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return this.httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	void assertThatNoEventIsRecordedEvenIfTheResponseBreaks(String pathAndQuery) throws Exception {
		try {
			get(pathAndQuery);
		}
		catch (IllegalStateException ex) {
			assertThat(ex).hasCauseInstanceOf(IOException.class);
		}
	}

	HttpResponse<String> get(String pathAndQuery) {
		return get(pathAndQuery, VISITOR_IP);
	}

	static String visitorPayload(String url, String ip, String event) {
		return "{\"type\":\"event\",\"payload\":{\"website\":\"" + UmamiStandIn.WEBSITE_ID
				+ "\",\"hostname\":\"shop.example.com\",\"language\":\"de-CH\",\"referrer\":\"" + REFERRER
				+ "\",\"url\":\"" + url + "\"," + event + ",\"ip\":\"" + ip + "\",\"userAgent\":\"" + BROWSER + "\"}}";
	}

	void assertPayload(RecordedRequest request, String expectedJson) throws Exception {
		JSONAssert.assertEquals(expectedJson, UmamiStandIn.body(request), JSONCompareMode.STRICT);
	}

	/**
	 * Call the marker endpoint and assert that its event is the next one Umami receives,
	 * proving that the calls before it recorded nothing.
	 */
	void assertNextEventIsMarker() throws Exception {
		assertThat(get("/marker").statusCode()).isEqualTo(200);
		RecordedRequest next = this.umami.takeRequest();
		assertThat(UmamiStandIn.payload(next)).containsEntry("name", "marker");
	}

	@Test
	void recordsMonoWhenItSucceedsAsTheVisitor() throws Exception {
		startBehindProxy();
		HttpResponse<String> response = get("/mono/orders/42?ref=mail");
		assertThat(response.statusCode()).isEqualTo(200);
		JSONAssert.assertEquals("{\"id\":\"42\",\"plan\":\"team\",\"amount\":7}", response.body(),
				JSONCompareMode.STRICT);
		RecordedRequest request = this.umami.takeRequest();
		assertThat(request.getHeaders().get("User-Agent")).isEqualTo(BROWSER);
		assertPayload(request, visitorPayload("/mono/orders/42?ref=mail", VISITOR_IP,
				"\"name\":\"mono-order-viewed\",\"data\":{\"id\":\"42\",\"plan\":\"team\",\"amount\":7}"));
	}

	@Test
	void recordsFluxOnceWhenItCompletes() throws Exception {
		startBehindProxy();
		HttpResponse<String> response = get("/flux/items?category=books");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("a", "b", "c");
		RecordedRequest request = this.umami.takeRequest();
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
		assertThatNoEventIsRecordedEvenIfTheResponseBreaks("/flux/fails");
		assertNextEventIsMarker();
	}

	@Test
	void doesNotRecordWhenConditionIsFalse() throws Exception {
		startBehindProxy();
		assertThat(get("/conditional?track=false").body()).isEqualTo("tracked: false");
		assertNextEventIsMarker();
		assertThat(get("/conditional?track=true").body()).isEqualTo("tracked: true");
		assertThat(UmamiStandIn.payload(this.umami.takeRequest())).containsEntry("name", "conditional");
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
		RecordedRequest request = this.umami.takeRequest();
		assertThat(UmamiStandIn.payload(request)).containsEntry("ip", "127.0.0.1");
		assertThat(UmamiStandIn.body(request)).doesNotContain("6.6.6.6");
	}

	@Test
	void anonymizesIpWhenConfigured() throws Exception {
		startBehindProxy("umami.visitor.anonymize-ip=true");
		assertThat(get(visitorPath()).statusCode()).isEqualTo(200);
		assertThat(UmamiStandIn.payload(this.umami.takeRequest())).containsEntry("ip", "203.0.113.0");
	}

	@Test
	void sendsNoIpWhenForwardingIsDisabled() throws Exception {
		startBehindProxy("umami.visitor.forward-ip=false");
		assertThat(get(visitorPath()).statusCode()).isEqualTo(200);
		assertThat(UmamiStandIn.payload(this.umami.takeRequest())).doesNotContainKey("ip");
	}

	@Test
	void recordsEventAsTheVisitor() throws Exception {
		startBehindProxy();
		get(visitorPath());
		assertPayload(this.umami.takeRequest(), visitorPayload(visitorPath(), VISITOR_IP, visitorPathEvent()));
	}

	@Test
	void responseArrivesBeforeSlowUmamiAnswers() throws Exception {
		this.umami.holdAnswers();
		startBehindProxy();
		HttpResponse<String> response = get(visitorPath());
		this.timeline.add("app:response");
		this.umami.openGate();
		assertThat(response.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.timeline.contains("umami:answered"));
		assertThat(this.timeline.indexOf("app:response")).isLessThan(this.timeline.indexOf("umami:answered"));
		assertPayload(this.umami.takeRequest(), visitorPayload(visitorPath(), VISITOR_IP, visitorPathEvent()));
	}

	@Test
	void responseIsUnchangedWhenUmamiIsNotListening(CapturedOutput output) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		startBehindProxy("umami.host-url=http://127.0.0.1:" + closedPort);
		HttpResponse<String> response = get(visitorPath());
		this.timeline.add("app:response");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(expectedVisitorPathBody());
		await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("Connection refused"));
	}

	/**
	 * Return the response body of {@link #visitorPath()}.
	 * @return the body
	 */
	abstract String expectedVisitorPathBody();

	@Test
	void eachVisitorGetsItsOwnCacheToken(CapturedOutput output) throws Exception {
		startBehindProxy();
		get(visitorPath(), VISITOR_IP);
		RecordedRequest first = this.umami.takeRequest();
		get(visitorPath(), OTHER_VISITOR_IP);
		RecordedRequest other = this.umami.takeRequest();
		assertThat(first.getHeaders().get("x-umami-cache")).isNull();
		assertThat(other.getHeaders().get("x-umami-cache")).isNull();
		awaitTokenStored(output, UmamiStandIn.tokenFor(VISITOR_IP, 1));
		awaitTokenStored(output, UmamiStandIn.tokenFor(OTHER_VISITOR_IP, 1));
		get(visitorPath(), OTHER_VISITOR_IP);
		RecordedRequest otherAgain = this.umami.takeRequest();
		assertThat(UmamiStandIn.payload(otherAgain)).containsEntry("ip", OTHER_VISITOR_IP);
		assertThat(otherAgain.getHeaders().get("x-umami-cache")).isEqualTo(UmamiStandIn.tokenFor(OTHER_VISITOR_IP, 1));
		get(visitorPath(), VISITOR_IP);
		RecordedRequest firstAgain = this.umami.takeRequest();
		assertThat(UmamiStandIn.payload(firstAgain)).containsEntry("ip", VISITOR_IP);
		assertThat(firstAgain.getHeaders().get("x-umami-cache")).isEqualTo(UmamiStandIn.tokenFor(VISITOR_IP, 1));
		awaitTokenStored(output, UmamiStandIn.tokenFor(VISITOR_IP, 2));
		get(visitorPath(), VISITOR_IP);
		assertThat(this.umami.takeRequest().getHeaders().get("x-umami-cache"))
			.isEqualTo(UmamiStandIn.tokenFor(VISITOR_IP, 2));
	}

	private void awaitTokenStored(CapturedOutput output, String token) {
		// the tracker logs each answer at DEBUG once it has kept the answer's token
		await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("cacheToken=" + token + "]"));
	}

}
