package io.github.umamispring.boot3;

import io.github.umamispring.transport.UmamiTransport;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.health.AbstractReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.util.Assert;

/**
 * Health of the Umami server on Spring Boot 3.5, from the transport's
 * {@link UmamiTransport#heartbeat() heartbeat}: the same check and details as the Boot 4
 * indicator.
 *
 * @author umami-spring-boot contributors
 * @see io.github.umamispring.actuate.UmamiHealthIndicator
 */
public class UmamiBoot3HealthIndicator extends AbstractReactiveHealthIndicator {

	private final UmamiTransport transport;

	/**
	 * Create an indicator.
	 * @param transport the transport whose server to ask
	 */
	public UmamiBoot3HealthIndicator(UmamiTransport transport) {
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
