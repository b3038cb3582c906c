package io.github.umamispring.autoconfigure;

import java.time.Duration;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.test.server.MockUmamiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts, sends with and closes an application context many times in one JVM, with a
 * shutdown quiet period of zero: each close must complete, with an idle connection to
 * Umami left from the event just sent. Runs on request only (a few minutes), for example
 * {@code ./mvnw -pl umami-spring-boot-autoconfigure -am test
 * -Dtest=UmamiContextCloseStressTests -Dsurefire.failIfNoSpecifiedTests=false
 * -Dumami.stress.cycles=500}; each cycle's close is bounded by JUnit's timeout of the
 * build.
 */
class UmamiContextCloseStressTests {

	@Test
	@EnabledIfSystemProperty(named = "umami.stress.cycles", matches = "\\d+")
	void closesEveryContextWithAnIdleConnectionToUmami() {
		int cycles = Integer.getInteger("umami.stress.cycles");
		try (MockUmamiServer umami = MockUmamiServer.start()) {
			ApplicationContextRunner runner = new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
						ReactiveHttpClientAutoConfiguration.class, CodecsAutoConfiguration.class,
						WebClientAutoConfiguration.class, UmamiAutoConfiguration.class))
				.withPropertyValues("umami.host-url=" + umami.getHostUrl(),
						"umami.website-id=" + MockUmamiServer.WEBSITE_ID,
						"spring.reactor.netty.shutdown-quiet-period=0s");
			long slowest = 0;
			for (int i = 0; i < cycles; i++) {
				long[] closing = new long[1];
				runner.run((context) -> {
					assertThat(context.getBean(UmamiTracker.class)
						.send(UmamiEvent.event("cycle").build())
						.block(Duration.ofSeconds(10))).isNotNull();
					closing[0] = System.nanoTime();
				});
				slowest = Math.max(slowest, System.nanoTime() - closing[0]);
			}
			System.out.println("Closed " + cycles + " contexts; the slowest close took "
					+ Duration.ofNanos(slowest).toMillis() + " ms");
		}
	}

}
