package io.github.umamispring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.umamispring.DelegatingUmamiTracker;
import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.actuate.UmamiHealthIndicator;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiEventDefaults;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.transport.UmamiHeartbeat;
import io.github.umamispring.transport.UmamiRequest;
import io.github.umamispring.transport.UmamiTransport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health and metrics with beans of the user's own in place of the auto-configured ones: a
 * {@link UmamiTransport} that the auto-configured tracker sends with, and a
 * {@link UmamiTracker} that wraps a default tracker.
 *
 * @author umami-spring-boot contributors
 */
class UmamiUserBeansIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MockUmamiServer umami = MockUmamiServer.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
						SimpleMetricsExportAutoConfiguration.class, HealthContributorAutoConfiguration.class,
						WebClientAutoConfiguration.class, UmamiAutoConfiguration.class,
						UmamiMetricsAutoConfiguration.class, UmamiHealthContributorAutoConfiguration.class))
		.withPropertyValues("umami.website-id=" + MockUmamiServer.WEBSITE_ID,
				"umami.host-url=" + this.umami.getHostUrl(), "umami.delivery.batch.enabled=false",
				"umami.delivery.shutdown-timeout=5s");

	@AfterEach
	void stopUmami() {
		this.umami.close();
	}

	@Test
	void autoConfiguredTrackerSendsWithTheUsersTransportWhichAnswersTheHealthCheck() {
		this.contextRunner.withUserConfiguration(UserTransportConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(DefaultUmamiTracker.class).hasSingleBean(UmamiTransport.class);
			RecordingTransport transport = context.getBean(RecordingTransport.class);
			UmamiTracker tracker = context.getBean(UmamiTracker.class);
			tracker.track(UmamiEvent.event("signup").data("plan", "pro").build());
			tracker.flush().block(TIMEOUT);
			assertThat(transport.requests).singleElement()
				.satisfies((request) -> assertThat(request.body()).contains("\"name\":\"signup\"")
					.contains("\"website\":\"" + MockUmamiServer.WEBSITE_ID + "\""));
			assertThat(this.umami.requests()).isEmpty();
			Health health = context.getBean(UmamiHealthIndicator.class).health().block(TIMEOUT);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("host", "recording");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("umami.events").tag("outcome", "accepted").counter().count()).isOne();
		});
	}

	@Test
	void usersTrackerWrappingTheDefaultKeepsHealthMetricsAndTheDrainAtShutdown() {
		this.contextRunner.withUserConfiguration(WrappingTrackerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(UmamiTracker.class).doesNotHaveBean(DefaultUmamiTracker.class);
			AuditingUmamiTracker tracker = context.getBean(AuditingUmamiTracker.class);
			tracker.track(UmamiEvent.event("signup").build());
			tracker.flush().block(TIMEOUT);
			assertThat(tracker.tracked).hasValue(1);
			assertThat(this.umami.events()).singleElement()
				.satisfies((event) -> assertThat(event.name()).isEqualTo("signup"));
			Health health = context.getBean(UmamiHealthIndicator.class).health().block(TIMEOUT);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("host", this.umami.getHostUrl());
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("umami.events").tag("outcome", "accepted").counter().count()).isOne();
			assertThat(registry.get("umami.queue.size").gauge().value()).isZero();
			assertThat(registry.get("umami.send.limit").gauge().value()).isPositive();
			// Answered slowly: still queued when the context closes
			this.umami.delay(Duration.ofMillis(100));
			for (int i = 0; i < 10; i++) {
				tracker.track(UmamiEvent.event("report").build());
			}
		});
		// Closing the context stopped the wrapped tracker, which delivered what was
		// queued
		assertThat(this.umami.events()).hasSize(11);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTransportConfiguration {

		@Bean
		RecordingTransport recordingTransport() {
			return new RecordingTransport();
		}

	}

	static class RecordingTransport implements UmamiTransport {

		final List<UmamiRequest> requests = new CopyOnWriteArrayList<>();

		@Override
		public Mono<UmamiResult> send(UmamiRequest request) {
			this.requests.add(request);
			return Mono.just(new UmamiResult.Accepted(null, null, null));
		}

		@Override
		public Mono<UmamiHeartbeat> heartbeat() {
			return Mono.just(new UmamiHeartbeat(UmamiHeartbeat.Status.UP, Map.of("host", "recording"), null));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrappingTrackerConfiguration {

		@Bean
		AuditingUmamiTracker umamiTracker(UmamiTransport transport) {
			return new AuditingUmamiTracker(new DefaultUmamiTracker(transport,
					new UmamiEventDefaults(MockUmamiServer.WEBSITE_ID, null, "Mozilla/5.0 (X11; Linux x86_64)")));
		}

	}

	static class AuditingUmamiTracker extends DelegatingUmamiTracker {

		final AtomicInteger tracked = new AtomicInteger();

		AuditingUmamiTracker(UmamiTracker targetTracker) {
			super(targetTracker);
		}

		@Override
		public void track(UmamiEvent event) {
			this.tracked.incrementAndGet();
			super.track(event);
		}

	}

}
