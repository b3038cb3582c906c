package io.github.umamispring.boot3;

import io.github.umamispring.actuate.UmamiHealthCheck;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.health.AbstractReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.util.Assert;

/**
 * Health of the Umami server on Spring Boot 3.5, from its {@code GET /api/heartbeat}
 * endpoint: the same check and details as the Boot 4 indicator.
 *
 * @author umami-spring-boot contributors
 * @see io.github.umamispring.actuate.UmamiHealthIndicator
 */
public class UmamiBoot3HealthIndicator extends AbstractReactiveHealthIndicator {

	private final UmamiHealthCheck check;

	/**
	 * Create an indicator.
	 * @param check the health check
	 */
	public UmamiBoot3HealthIndicator(UmamiHealthCheck check) {
		super("Umami health check failed");
		Assert.notNull(check, "'check' must not be null");
		this.check = check;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		if (this.check.getHost() != null) {
			builder.withDetail("host", this.check.getHost());
		}
		return this.check.check().map((outcome) -> switch (outcome.state()) {
			case UP -> builder.up().build();
			case DRY_RUN -> builder.unknown().withDetail("dryRun", true).build();
			case DOWN -> (outcome.error() != null) ? builder.down(outcome.error()).build()
					: builder.down().withDetail("status", outcome.status()).build();
		});
	}

}
