package io.github.umamispring.actuate;

import io.github.umamispring.transport.UmamiTransport;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Health of the Umami server on Spring Boot 4, from the transport's
 * {@link UmamiTransport#heartbeat() heartbeat} (Umami's {@code GET /api/heartbeat}).
 * Reports the configured host, never the API key. In dry-run mode, with nothing to reach,
 * the health is unknown.
 *
 * @author umami-spring-boot contributors
 */
public class UmamiHealthIndicator extends AbstractReactiveHealthIndicator {

	private final UmamiTransport transport;

	/**
	 * Create an indicator.
	 * @param transport the transport whose server to ask
	 */
	public UmamiHealthIndicator(UmamiTransport transport) {
		super("Umami health check failed");
		Assert.notNull(transport, "'transport' must not be null");
		this.transport = transport;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return this.transport.heartbeat().map((heartbeat) -> {
			builder.withDetails(heartbeat.details());
			return switch (heartbeat.status()) {
				case UP -> builder.up().build();
				case UNKNOWN -> builder.unknown().build();
				case DOWN ->
					(heartbeat.error() != null) ? builder.down(heartbeat.error()).build() : builder.down().build();
			};
		});
	}

}
