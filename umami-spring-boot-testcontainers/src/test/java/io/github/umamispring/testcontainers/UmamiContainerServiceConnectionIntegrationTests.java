package io.github.umamispring.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.autoconfigure.UmamiAutoConfiguration;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for a {@code @ServiceConnection} {@link UmamiContainer} field of a
 * {@code @SpringBootTest} class, the way users declare it, with a loopback server
 * standing in for the container so that it runs without Docker.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootTest
class UmamiContainerServiceConnectionIntegrationTests {

	private static final MockWebServer server = startServer();

	@ServiceConnection
	static final LoopbackUmamiContainer umami = new LoopbackUmamiContainer(hostUrl());

	@Autowired
	private UmamiTracker tracker;

	@AfterAll
	static void closeServer() {
		server.close();
	}

	@Test
	void trackerSendsToWebsiteCreatedByContainer() throws Exception {
		server.enqueue(UmamiApiClientTests.json(200, """
				{"cache":"token","sessionId":"632c6aff-d117-5271-9377-9bb83e4add00",\
				"visitId":"19c58eea-cff2-5a87-8aa8-d57e9794eae5"}"""));
		UmamiResult result = Tracking.send(this.tracker, UmamiEvent.pageview("/pricing").build(),
				Duration.ofSeconds(10));
		assertThat(result).isInstanceOf(UmamiResult.Accepted.class);
		assertThat(server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/api/auth/login");
		assertThat(server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/api/websites");
		RecordedRequest send = server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(send.getTarget()).isEqualTo("/api/send");
		assertThat(UmamiApiClientTests.body(send)).containsEntry("payload",
				Map.of("website", "6a0c3f5e-8a2b-4d8e-9f21-0b7c5d1e2a34", "url", "/pricing"));
	}

	private static MockWebServer startServer() {
		MockWebServer server = new MockWebServer();
		server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.LOGIN_RESPONSE));
		server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.WEBSITE_RESPONSE));
		try {
			server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return server;
	}

	private static String hostUrl() {
		String url = server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration(UmamiAutoConfiguration.class)
	static class TestApplication {

	}

}
