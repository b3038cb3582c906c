package io.github.umamispring.actuate;

import java.net.URI;
import java.time.Duration;

import io.github.umamispring.transport.UmamiTransport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The health check behind the {@code umami} health indicator of each Spring Boot line:
 * asks Umami's {@code GET /api/heartbeat} through the transport. Kept free of Boot's
 * health API, which differs between Boot 3.5 and Boot 4.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiHealthCheck {

	private final UmamiTransport transport;

	private final @Nullable String host;

	private final @Nullable Duration timeout;

	/**
	 * Create a health check bounded by the transport's own timeouts.
	 * @param transport the transport events are sent with
	 * @param hostUrl the configured host URL, reported without any user information it
	 * holds
	 */
	public UmamiHealthCheck(UmamiTransport transport, @Nullable String hostUrl) {
		this(transport, hostUrl, null);
	}

	/**
	 * Create a health check.
	 * @param transport the transport events are sent with
	 * @param hostUrl the configured host URL, reported without any user information it
	 * holds
	 * @param timeout the longest a check waits for Umami's answer, or {@code null} for
	 * the transport's own timeouts
	 */
	public UmamiHealthCheck(UmamiTransport transport, @Nullable String hostUrl, @Nullable Duration timeout) {
		Assert.notNull(transport, "'transport' must not be null");
		this.transport = transport;
		this.host = withoutUserInfo(hostUrl);
		this.timeout = timeout;
	}

	/**
	 * Return the host to report, never with user information or the API key.
	 * @return the host URL or {@code null}
	 */
	public @Nullable String getHost() {
		return this.host;
	}

	/**
	 * Call the heartbeat when the returned {@code Mono} is subscribed to.
	 * @return the outcome; never an error signal
	 */
	public Mono<Outcome> check() {
		Mono<Integer> heartbeat = this.transport.heartbeat();
		if (this.timeout != null) {
			heartbeat = heartbeat.timeout(this.timeout);
		}
		return heartbeat
			.map((status) -> new Outcome((status >= 200 && status < 300) ? State.UP : State.DOWN, status, null))
			.switchIfEmpty(Mono.fromSupplier(() -> new Outcome(State.DRY_RUN, null, null)))
			.onErrorResume((ex) -> Mono.just(new Outcome(State.DOWN, null, ex)));
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

	/**
	 * What the heartbeat said.
	 */
	public enum State {

		/**
		 * Umami answered with a 2xx status.
		 */
		UP,

		/**
		 * Umami answered with another status or could not be reached.
		 */
		DOWN,

		/**
		 * Nothing to ask: the starter runs in dry-run mode.
		 */
		DRY_RUN

	}

	/**
	 * The outcome of one health check.
	 *
	 * @param state what the heartbeat said
	 * @param status the HTTP status Umami answered with, if it answered
	 * @param error why Umami could not be reached, if it could not
	 */
	public record Outcome(State state, @Nullable Integer status, @Nullable Throwable error) {

	}

}
