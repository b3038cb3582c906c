package io.github.umamispring.actuate;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.umamispring.DelegatingUmamiTracker;
import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiDeliveryOptions;
import io.github.umamispring.delivery.UmamiEventDefaults;
import io.github.umamispring.transport.UmamiHeartbeat;
import io.github.umamispring.transport.UmamiRequest;
import io.github.umamispring.transport.UmamiTransport;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiHealthIndicator}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiHealthIndicatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Map<String, Object> HOST = Map.of("host", "http://umami.example.com");

	@Test
	void isUpWhenUmamiAnswers() {
		Health health = health(new UmamiHeartbeat(UmamiHeartbeat.Status.UP, HOST, null), false);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).isEqualTo(HOST);
	}

	@Test
	void isUnknownWithNothingToAsk() {
		Health health = health(UmamiHeartbeat.unknown(Map.of("dryRun", true)), true);
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).isEqualTo(Map.of("dryRun", true));
	}

	@Test
	void isUnavailableWhenUmamiCannotBeReached() {
		Health health = health(
				new UmamiHeartbeat(UmamiHeartbeat.Status.DOWN, HOST, new ConnectException("Connection refused")),
				false);
		assertThat(health.getStatus()).isEqualTo(UmamiHealthIndicator.UNAVAILABLE);
		assertThat(health.getDetails()).containsEntry("host", "http://umami.example.com")
			.containsEntry("error", "java.net.ConnectException: Connection refused");
	}

	@Test
	void isUnavailableWhenUmamiAnswersWithAnError() {
		Map<String, Object> details = Map.of("host", "http://umami.example.com", "status", 503);
		Health health = health(new UmamiHeartbeat(UmamiHeartbeat.Status.DOWN, details, null), false);
		assertThat(health.getStatus()).isEqualTo(UmamiHealthIndicator.UNAVAILABLE);
		assertThat(health.getDetails()).isEqualTo(details);
	}

	@Test
	void isDownWhenUmamiIsCritical() {
		Health health = health(
				new UmamiHeartbeat(UmamiHeartbeat.Status.DOWN, HOST, new ConnectException("Connection refused")), true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("host", "http://umami.example.com")
			.containsEntry("error", "java.net.ConnectException: Connection refused");
	}

	@Test
	void isUnavailableWhenATransportBreaksItsContract() {
		IllegalStateException failure = new IllegalStateException("broken");
		assertThat(health(() -> Mono.error(failure), false).getStatus()).isEqualTo(UmamiHealthIndicator.UNAVAILABLE);
		assertThat(health(() -> {
			throw failure;
		}, false).getDetails()).containsEntry("error", "java.lang.IllegalStateException: broken");
		assertThat(health(() -> Mono.error(failure), true).getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void unavailableIsLeftOutOfTheDefaultStatusAggregation() {
		assertThat(new SimpleStatusAggregator().getAggregateStatus(Status.UP, UmamiHealthIndicator.UNAVAILABLE))
			.isEqualTo(Status.UP);
		assertThat(new SimpleStatusAggregator().getAggregateStatus(Status.UP, Status.DOWN)).isEqualTo(Status.DOWN);
	}

	@Test
	void isUnavailableWhileTheTrackersSenderThreadIsDead() throws InterruptedException {
		AtomicReference<Thread> sender = new AtomicReference<>();
		UmamiTransport transport = new UmamiTransport() {

			@Override
			public Mono<UmamiResult> send(UmamiRequest request) {
				sender.set(Thread.currentThread());
				return Mono.just(new UmamiResult.Accepted(null, null, null));
			}

			@Override
			public Mono<UmamiHeartbeat> heartbeat() {
				return Mono.just(new UmamiHeartbeat(UmamiHeartbeat.Status.UP, HOST, null));
			}

		};
		DefaultUmamiTracker tracker = new DefaultUmamiTracker(transport,
				new UmamiEventDefaults("website", null, "Mozilla/5.0"),
				UmamiDeliveryOptions.builder().batchEnabled(false).build());
		UmamiHealthIndicator indicator = new UmamiHealthIndicator(transport, new DelegatingUmamiTracker(tracker),
				false);
		tracker.start();
		try {
			tracker.track(UmamiEvent.event("first").build());
			tracker.flush().block(TIMEOUT);
			assertThat(indicator.health().block(TIMEOUT).getStatus()).isEqualTo(Status.UP);
			// Something outside the tracker interrupts its thread, which ends
			sender.get().interrupt();
			sender.get().join(TIMEOUT.toMillis());
			Health stopped = indicator.health().block(TIMEOUT);
			assertThat(stopped.getStatus()).isEqualTo(UmamiHealthIndicator.UNAVAILABLE);
			assertThat(stopped.getDetails()).containsEntry("host", "http://umami.example.com")
				.containsEntry("delivery", "stopped")
				.containsKey("error");
			tracker.track(UmamiEvent.event("second").build());
			tracker.flush().block(TIMEOUT);
			assertThat(indicator.health().block(TIMEOUT).getStatus()).isEqualTo(Status.UP);
		}
		finally {
			tracker.stop();
		}
	}

	private static Health health(UmamiHeartbeat heartbeat, boolean critical) {
		return health(() -> Mono.just(heartbeat), critical);
	}

	private static Health health(Supplier<Mono<UmamiHeartbeat>> heartbeat, boolean critical) {
		UmamiTransport transport = new UmamiTransport() {

			@Override
			public Mono<UmamiResult> send(UmamiRequest request) {
				throw new UnsupportedOperationException();
			}

			@Override
			public Mono<UmamiHeartbeat> heartbeat() {
				return heartbeat.get();
			}

		};
		return new UmamiHealthIndicator(transport, critical).health().block(TIMEOUT);
	}

}
