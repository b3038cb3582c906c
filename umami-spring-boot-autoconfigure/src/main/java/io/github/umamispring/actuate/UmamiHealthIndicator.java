package io.github.umamispring.actuate;

import io.github.umamispring.DelegatingUmamiTracker;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.transport.UmamiHeartbeat;
import io.github.umamispring.transport.UmamiTransport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * Health of the Umami server on Spring Boot 4, from the transport's
 * {@link UmamiTransport#heartbeat() heartbeat} (Umami's {@code GET /api/heartbeat}).
 * Reports the configured host, never the API key. In dry-run mode, with nothing to reach,
 * the health is unknown.
 * <p>
 * An Umami that cannot be reached or answers with an error is {@link #UNAVAILABLE}, a
 * status that Spring Boot's status aggregation leaves out (it ranks only the statuses of
 * {@code management.endpoint.health.status.order}): an analytics outage shows on
 * {@code /actuator/health/umami} and leaves the application's health as it is. Created
 * {@code critical}, the indicator reports such an Umami {@link Status#DOWN DOWN}, which
 * turns the application's health DOWN. Given the tracker, the indicator also reports
 * Umami unavailable, with the detail {@code delivery: stopped}, while the tracker's
 * sender thread is not running.
 *
 * @author umami-spring-boot contributors
 */
public class UmamiHealthIndicator extends AbstractReactiveHealthIndicator {

	/**
	 * Status of an Umami that cannot be reached or answers with an error, when Umami is
	 * not critical to the application.
	 */
	public static final Status UNAVAILABLE = new Status("UNAVAILABLE",
			"Umami cannot be reached or answers with an error; not counted in the application's health");

	private final UmamiTransport transport;

	private final boolean critical;

	private final @Nullable DefaultUmamiTracker tracker;

	/**
	 * Create an indicator that reports an unavailable Umami as {@link #UNAVAILABLE}.
	 * @param transport the transport whose server to ask
	 */
	public UmamiHealthIndicator(UmamiTransport transport) {
		this(transport, false);
	}

	/**
	 * Create an indicator.
	 * @param transport the transport whose server to ask
	 * @param critical whether to report an unavailable Umami as {@link Status#DOWN DOWN}
	 * rather than {@link #UNAVAILABLE}
	 */
	public UmamiHealthIndicator(UmamiTransport transport, boolean critical) {
		this(transport, null, critical);
	}

	/**
	 * Create an indicator that also reports whether the tracker delivers.
	 * @param transport the transport whose server to ask
	 * @param tracker the tracker whose delivery to report: a {@link DefaultUmamiTracker}
	 * or a {@link DelegatingUmamiTracker} wrapping one, else ignored
	 * @param critical whether to report an unavailable Umami as {@link Status#DOWN DOWN}
	 * rather than {@link #UNAVAILABLE}
	 */
	public UmamiHealthIndicator(UmamiTransport transport, @Nullable UmamiTracker tracker, boolean critical) {
		super("Umami health check failed");
		Assert.notNull(transport, "'transport' must not be null");
		this.transport = transport;
		this.tracker = (tracker != null) ? DelegatingUmamiTracker.unwrap(tracker, DefaultUmamiTracker.class) : null;
		this.critical = critical;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return Mono.defer(this.transport::heartbeat).map(this::withDelivery).map((heartbeat) -> {
			builder.withDetails(heartbeat.details());
			return switch (heartbeat.status()) {
				case UP -> builder.up().build();
				case UNKNOWN -> builder.unknown().build();
				case DOWN -> unavailable(builder, heartbeat.error());
			};
		}).onErrorResume((ex) -> Mono.just(unavailable(new Health.Builder(), ex)));
	}

	private UmamiHeartbeat withDelivery(UmamiHeartbeat heartbeat) {
		DefaultUmamiTracker tracker = this.tracker;
		return (tracker != null && tracker.isRunning() && !tracker.isDelivering()) ? heartbeat.withDeliveryStopped()
				: heartbeat;
	}

	private Health unavailable(Health.Builder builder, @Nullable Throwable error) {
		builder.status(this.critical ? Status.DOWN : UNAVAILABLE);
		if (error != null) {
			builder.withException(error);
		}
		return builder.build();
	}

}
