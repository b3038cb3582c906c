package io.github.umamispring.actuate;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Health of the Umami server on Spring Boot 4, from its {@code GET /api/heartbeat}
 * endpoint. Reports the configured host, never the API key. In dry-run mode, with nothing
 * to reach, the health is unknown.
 *
 * @author umami-spring-boot contributors
 */
public class UmamiHealthIndicator extends AbstractReactiveHealthIndicator {

	private final UmamiHealthCheck check;

	/**
	 * Create an indicator.
	 * @param check the health check
	 */
	public UmamiHealthIndicator(UmamiHealthCheck check) {
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
