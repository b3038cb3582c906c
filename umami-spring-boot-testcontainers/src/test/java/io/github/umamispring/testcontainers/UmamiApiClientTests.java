package io.github.umamispring.testcontainers;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.json.BasicJsonParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link UmamiApiClient} against a loopback server answering like Umami 3.1.0's
 * REST API.
 *
 * @author umami-spring-boot contributors
 */
class UmamiApiClientTests {

	static final String LOGIN_RESPONSE = """
			{"token":"eyJhbGciOiJIUzI1NiJ9.test-token","user":{"id":"41e2b680-648e-4b09-bcd7-3e2b10c06264",\
			"username":"admin","role":"admin","createdAt":"2026-11-26T13:00:00.000Z","isAdmin":true}}""";

	static final String WEBSITE_RESPONSE = """
			{"id":"6a0c3f5e-8a2b-4d8e-9f21-0b7c5d1e2a34","name":"umami-spring-boot","domain":"localhost",\
			"shareId":null,"resetAt":null,"userId":"41e2b680-648e-4b09-bcd7-3e2b10c06264","teamId":null,\
			"createdBy":"41e2b680-648e-4b09-bcd7-3e2b10c06264","createdAt":"2026-11-26T13:00:01.000Z",\
			"updatedAt":"2026-11-26T13:00:01.000Z","deletedAt":null}""";

	static final String UNAUTHORIZED_RESPONSE = """
			{"error":{"message":"Unauthorized","code":"incorrect-username-password","status":401}}""";

	private MockWebServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new MockWebServer();
		this.server.start();
	}

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void loginPostsCredentialsAndReturnsToken() throws Exception {
		this.server.enqueue(json(200, LOGIN_RESPONSE));
		assertThat(client().login("admin", "umami")).isEqualTo("eyJhbGciOiJIUzI1NiJ9.test-token");
		RecordedRequest request = takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/api/auth/login");
		assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
		assertThat(request.getHeaders().get("Authorization")).isNull();
		assertThat(body(request)).containsExactly(Map.entry("username", "admin"), Map.entry("password", "umami"));
	}

	@Test
	void createWebsitePostsNameAndDomainWithBearerToken() throws Exception {
		this.server.enqueue(json(200, WEBSITE_RESPONSE));
		assertThat(client().createWebsite("the-token", "umami-spring-boot", "localhost"))
			.isEqualTo("6a0c3f5e-8a2b-4d8e-9f21-0b7c5d1e2a34");
		RecordedRequest request = takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/api/websites");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer the-token");
		assertThat(body(request)).containsExactly(Map.entry("name", "umami-spring-boot"),
				Map.entry("domain", "localhost"));
	}

	@Test
	void loginFailsWithUmamisAnswer() {
		this.server.enqueue(json(401, UNAUTHORIZED_RESPONSE));
		assertThatIllegalStateException().isThrownBy(() -> client().login("admin", "wrong"))
			.withMessage("Umami answered 401 to POST /api/auth/login: " + UNAUTHORIZED_RESPONSE);
	}

	@Test
	void createWebsiteFailsWhenAnswerHasNoId() {
		this.server.enqueue(json(200, "{\"name\":\"umami-spring-boot\"}"));
		assertThatIllegalStateException().isThrownBy(() -> client().createWebsite("token", "umami-spring-boot", "x"))
			.withMessage("Umami's answer to /api/websites has no 'id': {\"name\":\"umami-spring-boot\"}");
	}

	@Test
	void failsWhenAnswerIsNotJson() {
		this.server.enqueue(new MockResponse.Builder().code(200).body("<html>proxy</html>").build());
		assertThatIllegalStateException().isThrownBy(() -> client().login("admin", "umami"))
			.withMessageStartingWith("Umami answered POST /api/auth/login with a body that is not a JSON object");
	}

	@Test
	void failsWhenServerCannotBeReached() {
		String url = this.server.url("/").toString();
		this.server.close();
		assertThatIllegalStateException().isThrownBy(() -> new UmamiApiClient(url).login("admin", "umami"))
			.withMessageStartingWith("Could not reach Umami at http://");
	}

	@Test
	void getEventsReadsEventsOfPeriodWithBearerToken() throws Exception {
		this.server.enqueue(json(200, """
				{"data":[{"id":"e1","websiteId":"w","sessionId":"s","createdAt":"2026-11-26T13:00:02.000Z",\
				"urlPath":"/signup","eventType":2,"eventName":"signup","hasData":true}],\
				"count":1,"page":1,"pageSize":100}"""));
		List<Map<String, Object>> events = client().getEvents("the-token", "w", Instant.ofEpochMilli(1000),
				Instant.ofEpochMilli(2000));
		assertThat(events).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("eventName", "signup")
				.containsEntry("urlPath", "/signup"));
		RecordedRequest request = takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/api/websites/w/events?startAt=1000&endAt=2000&pageSize=100");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer the-token");
	}

	private UmamiApiClient client() {
		// With a trailing slash, as users often write host URLs
		return new UmamiApiClient(this.server.url("/").toString());
	}

	private RecordedRequest takeRequest() throws InterruptedException {
		RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(request).as("request received by the server").isNotNull();
		return request;
	}

	static Map<String, Object> body(RecordedRequest request) {
		return new BasicJsonParser().parseMap(request.getBody().utf8());
	}

	static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
	}

}
