package io.github.umamispring.testcontainers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.autoconfigure.UmamiAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link UmamiContainer} with a real Umami server and database in
 * Docker: events sent by the auto-configured tracker, connected with
 * {@code @ServiceConnection} only, are read back through Umami's API. Skipped when no
 * Docker engine is available; {@link UmamiContainerConnectionDetailsFactoryTests} covers
 * the same path against a loopback server.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class UmamiContainerIntegrationTests {

	/**
	 * A desktop browser's User-Agent, which Umami's bot filter lets through.
	 */
	private static final String BROWSER_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"
			+ " (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	/**
	 * Reactor Netty's default User-Agent, which Umami treats as a bot.
	 */
	private static final String BOT_USER_AGENT = "ReactorNetty/1.2.0";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Container
	@ServiceConnection
	static final UmamiContainer umami = new UmamiContainer();

	@Autowired
	private UmamiTracker tracker;

	@Test
	void eventFromBrowserIsStoredAndEventFromBotIsFiltered() {
		Instant startAt = Instant.now().minus(Duration.ofMinutes(5));
		UmamiResult accepted = Tracking.send(this.tracker,
				UmamiEvent.event("signup")
					.url("/signup?plan=pro")
					.hostname("localhost")
					.language("en-US")
					.userAgent(BROWSER_USER_AGENT)
					.data("plan", "pro")
					.build(),
				TIMEOUT);
		assertThat(accepted).isInstanceOf(UmamiResult.Accepted.class);
		UmamiResult filtered = Tracking.send(this.tracker,
				UmamiEvent.event("crawl").url("/signup").hostname("localhost").userAgent(BOT_USER_AGENT).build(),
				TIMEOUT);
		assertThat(filtered).isInstanceOf(UmamiResult.FilteredAsBot.class);
		UmamiApiClient api = new UmamiApiClient(umami.getHostUrl());
		String token = api.login(UmamiContainer.ADMIN_USERNAME, UmamiContainer.ADMIN_PASSWORD);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			List<Map<String, Object>> events = api.getEvents(token, umami.getWebsiteId(), startAt,
					Instant.now().plus(Duration.ofMinutes(5)));
			assertThat(events).extracting((event) -> event.get("eventName")).contains("signup").doesNotContain("crawl");
			assertThat(events).filteredOn((event) -> "signup".equals(event.get("eventName")))
				.singleElement()
				.satisfies((event) -> assertThat(event).containsEntry("urlPath", "/signup"));
		});
	}

	@Test
	void eventWithoutVisitorUsesDefaultUserAgentThatIsNotABot() {
		UmamiResult result = Tracking.send(this.tracker, UmamiEvent.event("nightly-report").url("/reports").build(),
				TIMEOUT);
		assertThat(result).isInstanceOf(UmamiResult.Accepted.class);
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration(UmamiAutoConfiguration.class)
	static class TestApplication {

	}

}
