package io.github.umamispring.test.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for when a {@link MockUmamiServer} answers: {@link ReceivedRequest#answeredAt()},
 * and {@link MockUmamiServer#reset()} answering delayed requests at once.
 *
 * @author umami-spring-boot contributors
 */
class MockUmamiServerAnswerTimeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final MockUmamiServer server = MockUmamiServer.start();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(TIMEOUT)
		.build();

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void recordsWhenEachRequestWasAnswered() throws Exception {
		HttpResponse<String> response = send().get(5, TimeUnit.SECONDS);
		Instant afterResponse = Instant.now();
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedRequest request = this.server.awaitRequests(1, TIMEOUT).get(0);
		assertThat(request.answeredAt()).isNotNull()
			.isAfterOrEqualTo(request.receivedAt())
			.isBeforeOrEqualTo(afterResponse);
	}

	@Test
	void resetAnswersDelayedRequestsAtOnce() throws Exception {
		this.server.delay(Duration.ofMinutes(5));
		CompletableFuture<HttpResponse<String>> response = send();
		ReceivedRequest request = this.server.awaitRequests(1, TIMEOUT).get(0);
		assertThat(response).isNotDone();
		assertThat(request.answeredAt()).isNull();
		Instant beforeReset = Instant.now();
		this.server.reset();
		assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(request.answeredAt()).isAfterOrEqualTo(beforeReset);
	}

	@Test
	void stalledRequestIsNeverAnswered() throws Exception {
		this.server.stall();
		CompletableFuture<HttpResponse<String>> response = send();
		ReceivedRequest request = this.server.awaitRequests(1, TIMEOUT).get(0);
		this.server.reset();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> response.get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(IOException.class);
		assertThat(request.answeredAt()).isNull();
	}

	private CompletableFuture<HttpResponse<String>> send() {
		String event = "{\"type\":\"event\",\"payload\":{\"website\":\"" + MockUmamiServer.WEBSITE_ID
				+ "\",\"url\":\"/\",\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\"}}";
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.server.getHostUrl() + "/api/send"))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(event))
			.build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

}
