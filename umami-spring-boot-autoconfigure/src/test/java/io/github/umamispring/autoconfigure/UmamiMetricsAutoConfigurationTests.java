package io.github.umamispring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.metrics.UmamiMetrics;
import io.github.umamispring.test.server.MockUmamiServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link UmamiMetricsAutoConfiguration}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiMetricsAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				WebClientAutoConfiguration.class, UmamiAutoConfiguration.class, UmamiMetricsAutoConfiguration.class))
		.withPropertyValues("umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f",
				"umami.delivery.shutdown-timeout=1s");

	@Test
	void bindsTheTrackersMeters() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(UmamiMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("umami.queue.size").gauge().value()).isZero();
			assertThat(registry.get("umami.events").counters()).hasSize(5);
			// The adaptive limit starts at one request in flight
			assertThat(registry.get("umami.send.limit").gauge().value()).isOne();
		});
	}

	@Test
	void countsEachOutcomeAndTimesEachRequest() throws IOException {
		try (MockUmamiServer umami = MockUmamiServer.start()) {
			this.contextRunner
				.withPropertyValues("umami.host-url=" + umami.getHostUrl(), "umami.delivery.batch.enabled=false")
				.run((context) -> {
					UmamiTracker tracker = context.getBean(UmamiTracker.class);
					tracker.track(UmamiEvent.event("accepted").build());
					// Umami answers 400 Website not found.
					tracker.track(UmamiEvent.event("rejected").website("0b6d3f9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b").build());
					tracker.flush().block(TIMEOUT);
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.get("umami.events").tag("outcome", "accepted").counter().count()).isOne();
					assertThat(registry.get("umami.events").tag("outcome", "rejected").counter().count()).isOne();
					assertThat(registry.get("umami.send").tag("endpoint", "send").timers()).hasSize(2);
				});
		}
	}

	@Test
	void countsAdjustedEventsByField() throws IOException {
		try (MockUmamiServer umami = MockUmamiServer.start()) {
			this.contextRunner
				.withPropertyValues("umami.host-url=" + umami.getHostUrl(), "umami.delivery.batch.enabled=false")
				.run((context) -> {
					UmamiTracker tracker = context.getBean(UmamiTracker.class);
					tracker
						.track(UmamiEvent.event("view").data("a", "y".repeat(600)).data("b", "y".repeat(600)).build());
					tracker.track(UmamiEvent.event("view").ip("not-an-ip").build());
					tracker.track(UmamiEvent.event("view").build());
					tracker.flush().block(TIMEOUT);
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.get("umami.events.adjusted").tag("field", "data").counter().count()).isOne();
					assertThat(registry.get("umami.events.adjusted").tag("field", "ip").counter().count()).isOne();
					assertThat(registry.get("umami.events").tag("outcome", "accepted").counter().count()).isEqualTo(3);
				});
		}
	}

	@Test
	void droppedCountMatchesWhatOverflowedTheQueue() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			port = socket.getLocalPort();
		}
		this.contextRunner
			.withPropertyValues("umami.host-url=http://127.0.0.1:" + port, "umami.delivery.queue.capacity=100",
					"umami.delivery.retry.max-backoff=50ms")
			.run((context) -> {
				DefaultUmamiTracker tracker = context.getBean(DefaultUmamiTracker.class);
				int submitted = 350;
				for (int i = 0; i < submitted; i++) {
					tracker.track(UmamiEvent.event("e" + i).build());
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("umami.events").tag("outcome", "dropped").counter().count())
					.isEqualTo(submitted - 100);
				assertThat(registry.get("umami.queue.size").gauge().value()).isEqualTo(100);
				await().atMost(TIMEOUT)
					.until(() -> registry.find("umami.send").tag("outcome", "failed").timer() != null);
				assertThat(registry.get("umami.queue.size").gauge().value()).isEqualTo(100);
			});
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(UmamiMetrics.class));
	}

	@Test
	void backsOffWhenTrackingIsDisabled() {
		this.contextRunner.withPropertyValues("umami.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UmamiMetrics.class));
	}

}
