package io.github.umamispring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.github.umamispring.actuate.UmamiHealthIndicator;
import io.github.umamispring.test.server.MockUmamiServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiHealthContributorAutoConfiguration}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiHealthContributorAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
				WebClientAutoConfiguration.class, UmamiAutoConfiguration.class,
				UmamiHealthContributorAutoConfiguration.class))
		.withPropertyValues("umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f", "umami.api-key=secret-key",
				"umami.delivery.shutdown-timeout=1s", "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.show-details=always");

	@Test
	void isUpWhenTheHeartbeatAnswers() throws IOException {
		try (MockUmamiServer umami = MockUmamiServer.start()) {
			String hostUrl = umami.getHostUrl();
			this.contextRunner.withPropertyValues("umami.host-url=" + hostUrl).run((context) -> {
				Health health = context.getBean(UmamiHealthIndicator.class).health().block(TIMEOUT);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("host", hostUrl).doesNotContainValue("secret-key");
				assertThat(umami.requests()).singleElement().satisfies((request) -> {
					assertThat(request.method()).isEqualTo("GET");
					assertThat(request.path()).isEqualTo("/api/heartbeat");
				});
			});
		}
	}

	@Test
	void isUnavailableWhenNothingListensAndTheApplicationStaysUp() throws IOException {
		int port = closedPort();
		this.contextRunner.withPropertyValues("umami.host-url=http://127.0.0.1:" + port).run((context) -> {
			startedAndReady(context);
			Health health = context.getBean(UmamiHealthIndicator.class).health().block(TIMEOUT);
			assertThat(health.getStatus()).isEqualTo(UmamiHealthIndicator.UNAVAILABLE);
			assertThat(health.getDetails()).containsEntry("host", "http://127.0.0.1:" + port);
			assertThat(String.valueOf(health.getDetails())).doesNotContain("secret-key");
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			assertThat(endpoint.health().getStatus()).isEqualTo(Status.UP);
			assertThat(endpoint.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
			assertThat(endpoint.healthForPath("umami")).isInstanceOfSatisfying(IndicatedHealthDescriptor.class,
					(descriptor) -> assertThat(descriptor.getStatus()).isEqualTo(UmamiHealthIndicator.UNAVAILABLE));
		});
	}

	@Test
	void isDownAndTurnsTheApplicationDownWhenCritical() throws IOException {
		int port = closedPort();
		this.contextRunner.withPropertyValues("umami.host-url=http://127.0.0.1:" + port, "umami.health.critical=true")
			.run((context) -> {
				startedAndReady(context);
				HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
				assertThat(endpoint.health().getStatus()).isEqualTo(Status.DOWN);
				assertThat(endpoint.healthForPath("umami").getStatus()).isEqualTo(Status.DOWN);
				// readiness is the application's own: Umami stays out of it either way
				assertThat(endpoint.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void isUnavailableWhenTheHeartbeatFails() throws IOException {
		try (MockUmamiServer umami = MockUmamiServer.start()) {
			umami.respondWith(503, "");
			this.contextRunner.withPropertyValues("umami.host-url=" + umami.getHostUrl()).run((context) -> {
				startedAndReady(context);
				Health health = context.getBean(UmamiHealthIndicator.class).health().block(TIMEOUT);
				assertThat(health.getStatus()).isEqualTo(UmamiHealthIndicator.UNAVAILABLE);
				assertThat(health.getDetails()).containsEntry("status", 503);
				assertThat(context.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
			});
		}
	}

	@Test
	void isUnavailableWithinTheConnectAndReadTimeoutsWhenUmamiNeverAnswers() {
		try (MockUmamiServer umami = MockUmamiServer.start()) {
			umami.stall();
			// A client other than Reactor Netty reads as long as the largest batch may
			// take: the health check is bounded on its own
			this.contextRunner
				.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
						ReactiveHttpClientAutoConfiguration.class))
				.withPropertyValues("umami.host-url=" + umami.getHostUrl(),
						"spring.http.clients.reactive.connector=jdk", "umami.delivery.connect-timeout=200ms",
						"umami.delivery.read-timeout=300ms")
				.run((context) -> {
					Health health = context.getBean(UmamiHealthIndicator.class).health().block(TIMEOUT);
					assertThat(health.getStatus()).isEqualTo(UmamiHealthIndicator.UNAVAILABLE);
					assertThat(String.valueOf(health.getDetails())).contains("TimeoutException");
				});
		}
	}

	@Test
	void isUnknownInDryRun() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean(UmamiHealthIndicator.class).health().block(TIMEOUT);
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails()).isEqualTo(Map.of("dryRun", true));
		});
	}

	@Test
	void hidesUserInformationOfTheHostUrl() throws IOException {
		int port = closedPort();
		this.contextRunner.withPropertyValues("umami.host-url=http://user:password@127.0.0.1:" + port)
			.run((context) -> {
				Health health = context.getBean(UmamiHealthIndicator.class).health().block(TIMEOUT);
				assertThat(health.getDetails()).containsEntry("host", "http://127.0.0.1:" + port);
				assertThat(String.valueOf(health.getDetails())).doesNotContain("password");
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.umami.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UmamiHealthIndicator.class));
	}

	@Test
	void backsOffWithoutTheHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health.contributor"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("umamiHealthIndicator"));
	}

	/**
	 * Publish what a started application publishes, so that the availability probes,
	 * members of the overall health, are UP.
	 */
	private static void startedAndReady(ApplicationContext context) {
		AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
		AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
