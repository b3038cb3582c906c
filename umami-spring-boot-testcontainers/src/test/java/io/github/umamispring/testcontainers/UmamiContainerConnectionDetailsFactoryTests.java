package io.github.umamispring.testcontainers;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.autoconfigure.UmamiAutoConfiguration;
import io.github.umamispring.autoconfigure.UmamiConnectionDetails;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiContainerConnectionDetailsFactory}: a {@code @ServiceConnection}
 * {@link UmamiContainer} configures the auto-configured tracker without any
 * {@code umami.*} property. The container stands in for Docker with a loopback server
 * answering like Umami, from the REST calls of its start to the event sent.
 *
 * @author umami-spring-boot contributors
 */
class UmamiContainerConnectionDetailsFactoryTests {

	private static final String WEBSITE_ID = "6a0c3f5e-8a2b-4d8e-9f21-0b7c5d1e2a34";

	private static final String ACCEPTED_RESPONSE = """
			{"cache":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.h7IT15ysf2I87IVDyfBFQsOsw90IZUh0rH5lSFPLsCQ",\
			"sessionId":"632c6aff-d117-5271-9377-9bb83e4add00","visitId":"19c58eea-cff2-5a87-8aa8-d57e9794eae5"}""";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ServiceConnectionAutoConfiguration.class, UmamiAutoConfiguration.class));

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
	void serviceConnectionProvidesHostUrlAndCreatedWebsite() {
		this.server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.LOGIN_RESPONSE));
		this.server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.WEBSITE_RESPONSE));
		String hostUrl = hostUrl();
		this.contextRunner.withPropertyValues("test.umami.host-url=" + hostUrl)
			.withUserConfiguration(ContainerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(UmamiConnectionDetails.class);
				UmamiConnectionDetails connectionDetails = context.getBean(UmamiConnectionDetails.class);
				assertThat(connectionDetails)
					.isInstanceOf(UmamiContainerConnectionDetailsFactory.UmamiContainerConnectionDetails.class);
				assertThat(connectionDetails.getHostUrl()).isEqualTo(hostUrl);
				assertThat(connectionDetails.getWebsiteId()).isEqualTo(WEBSITE_ID);
			});
	}

	@Test
	void autoConfiguredTrackerSendsToContainerWithoutProperties() throws Exception {
		this.server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.LOGIN_RESPONSE));
		this.server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.WEBSITE_RESPONSE));
		this.server.enqueue(UmamiApiClientTests.json(200, ACCEPTED_RESPONSE));
		this.contextRunner.withPropertyValues("test.umami.host-url=" + hostUrl())
			.withUserConfiguration(ContainerConfiguration.class)
			.run((context) -> {
				UmamiResult result = Tracking.send(context.getBean(UmamiTracker.class),
						UmamiEvent.event("signup").url("/signup").data("plan", "pro").build(), Duration.ofSeconds(10));
				assertThat(result).isInstanceOf(UmamiResult.Accepted.class);
			});
		assertThat(this.server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/api/auth/login");
		assertThat(this.server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/api/websites");
		RecordedRequest send = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(send.getTarget()).isEqualTo("/api/send");
		assertThat(UmamiApiClientTests.body(send)).containsEntry("type", "event")
			.containsEntry("payload",
					Map.of("website", WEBSITE_ID, "url", "/signup", "name", "signup", "data", Map.of("plan", "pro")));
		assertThat(send.getHeaders().get("x-umami-api-key")).isNull();
	}

	@Test
	void serviceConnectionProvidesNoApiKeyByDefault() {
		this.server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.LOGIN_RESPONSE));
		this.server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.WEBSITE_RESPONSE));
		this.contextRunner.withPropertyValues("test.umami.host-url=" + hostUrl(), "umami.api-key=ignored")
			.withUserConfiguration(ContainerConfiguration.class)
			.run((context) -> assertThat(context.getBean(UmamiConnectionDetails.class).getApiKey()).isNull());
	}

	@Test
	void autoConfiguredTrackerSendsApiKeyOfContainer() throws Exception {
		this.server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.LOGIN_RESPONSE));
		this.server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.WEBSITE_RESPONSE));
		this.server.enqueue(UmamiApiClientTests.json(200, ACCEPTED_RESPONSE));
		this.contextRunner.withPropertyValues("test.umami.host-url=" + hostUrl())
			.withUserConfiguration(ApiKeyContainerConfiguration.class)
			.run((context) -> {
				assertThat(context.getBean(UmamiConnectionDetails.class).getApiKey()).isEqualTo("container-key");
				UmamiResult result = Tracking.send(context.getBean(UmamiTracker.class),
						UmamiEvent.event("signup").url("/signup").build(), Duration.ofSeconds(10));
				assertThat(result).isInstanceOf(UmamiResult.Accepted.class);
			});
		assertThat(this.server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/api/auth/login");
		assertThat(this.server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/api/websites");
		RecordedRequest send = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(send.getTarget()).isEqualTo("/api/send");
		assertThat(send.getHeaders().get("x-umami-api-key")).isEqualTo("container-key");
	}

	@Test
	void propertiesAreUsedWithoutServiceConnection() {
		this.contextRunner
			.withPropertyValues("umami.host-url=http://umami.example.com", "umami.website-id=" + WEBSITE_ID)
			.run((context) -> assertThat(context.getBean(UmamiConnectionDetails.class))
				.isNotInstanceOf(UmamiContainerConnectionDetailsFactory.UmamiContainerConnectionDetails.class));
	}

	private String hostUrl() {
		String url = this.server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	@Configuration(proxyBeanMethods = false)
	static class ContainerConfiguration {

		@Bean
		@ServiceConnection
		LoopbackUmamiContainer umamiContainer(Environment environment) {
			return new LoopbackUmamiContainer(environment.getRequiredProperty("test.umami.host-url"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApiKeyContainerConfiguration {

		@Bean
		@ServiceConnection
		LoopbackUmamiContainer umamiContainer(Environment environment) {
			LoopbackUmamiContainer container = new LoopbackUmamiContainer(
					environment.getRequiredProperty("test.umami.host-url"));
			container.withApiKey("container-key");
			return container;
		}

	}

}
