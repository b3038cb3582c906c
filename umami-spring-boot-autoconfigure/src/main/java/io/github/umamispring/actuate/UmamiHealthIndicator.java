package io.github.umamispring.actuate;

import java.net.URI;
import java.time.Duration;

import io.github.umamispring.transport.UmamiTransport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the Umami server, from its {@code GET /api/heartbeat} endpoint. Reports the
 * configured host, never the API key. In dry-run mode, with nothing to reach, the health
 * is unknown.
 *
 * @author umami-spring-boot contributors
 */
public class UmamiHealthIndicator extends AbstractReactiveHealthIndicator {

	private final UmamiTransport transport;

	private final @Nullable String host;

	private final @Nullable Duration timeout;

	/**
	 * Create an indicator bounded by the transport's own timeouts.
	 * @param transport the transport events are sent with
	 * @param hostUrl the configured host URL, shown in the details without any user
	 * information it holds
	 */
	public UmamiHealthIndicator(UmamiTransport transport, @Nullable String hostUrl) {
		this(transport, hostUrl, null);
	}

	/**
	 * Create an indicator.
	 * @param transport the transport events are sent with
	 * @param hostUrl the configured host URL, shown in the details without any user
	 * information it holds
	 * @param timeout the longest a health check waits for Umami's answer, or {@code null}
	 * for the transport's own timeouts
	 */
	public UmamiHealthIndicator(UmamiTransport transport, @Nullable String hostUrl, @Nullable Duration timeout) {
		super("Umami health check failed");
		this.transport = transport;
		this.host = withoutUserInfo(hostUrl);
		this.timeout = timeout;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		if (this.host != null) {
			builder.withDetail("host", this.host);
		}
		Mono<Integer> heartbeat = this.transport.heartbeat();
		if (this.timeout != null) {
			heartbeat = heartbeat.timeout(this.timeout);
		}
		return heartbeat.map((status) -> {
			if (status >= 200 && status < 300) {
				return builder.up().build();
			}
			return builder.down().withDetail("status", status).build();
		})
			.switchIfEmpty(Mono.fromSupplier(() -> builder.unknown().withDetail("dryRun", true).build()))
			.onErrorResume((ex) -> Mono.just(builder.down(ex).build()));
	}

	private static @Nullable String withoutUserInfo(@Nullable String hostUrl) {
		if (hostUrl == null) {
			return null;
		}
		try {
			URI uri = URI.create(hostUrl);
			if (uri.getUserInfo() == null) {
				return hostUrl;
			}
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (Exception ex) {
			return null;
		}
	}

}
