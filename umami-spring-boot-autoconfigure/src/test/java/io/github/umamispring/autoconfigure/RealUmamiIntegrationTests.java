package io.github.umamispring.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends to a real Umami: runs only when {@code REAL_UMAMI_URL} and
 * {@code REAL_UMAMI_WEBSITE_ID} point at a running server, for example
 * {@code REAL_UMAMI_URL=http://localhost:3000 REAL_UMAMI_WEBSITE_ID=... ./mvnw verify}.
 * Named so that they cannot bind to {@code umami.*} properties (and test applications see
 * no environment variable at all: {@code spring.getenv.ignore}).
 */
@EnabledIfEnvironmentVariable(named = "REAL_UMAMI_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "REAL_UMAMI_WEBSITE_ID", matches = ".+")
class RealUmamiIntegrationTests {

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						CodecsAutoConfiguration.class, WebClientAutoConfiguration.class, UmamiAutoConfiguration.class))
		.withPropertyValues("umami.host-url=" + System.getenv("REAL_UMAMI_URL"),
				"umami.website-id=" + System.getenv("REAL_UMAMI_WEBSITE_ID"), "umami.hostname=umami-spring-boot.test");

	@Test
	void eventWithDataIsAccepted() {
		this.contextRunner.run((context) -> {
			UmamiEvent event = UmamiEvent.event("integration-test")
				.url("/integration?utm_source=tests")
				.userAgent(FIREFOX)
				.data(Map.of("plan", "pro", "seats", 3, "at", Instant.now()))
				.build();
			assertAccepted(context.getBean(UmamiTracker.class).send(event).block(TIMEOUT));
		});
	}

	@Test
	void pageviewIsAccepted() {
		this.contextRunner.run((context) -> assertAccepted(context.getBean(UmamiTracker.class)
			.send(UmamiEvent.pageview("/integration/page").title("Integration").build())
			.block(TIMEOUT)));
	}

	@Test
	void identifyIsAccepted() {
		this.contextRunner.run((context) -> assertAccepted(context.getBean(UmamiTracker.class)
			.send(UmamiEvent.identify("integration-user").data(Map.of("plan", "pro")).build())
			.block(TIMEOUT)));
	}

	private static void assertAccepted(UmamiResult result) {
		assertThat(result).isInstanceOfSatisfying(UmamiResult.Accepted.class,
				(accepted) -> assertThat(accepted.sessionId()).isNotBlank());
	}

}
