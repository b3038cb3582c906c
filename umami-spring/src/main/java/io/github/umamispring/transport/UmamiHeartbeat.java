package io.github.umamispring.transport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a {@link UmamiTransport#heartbeat() heartbeat} found out about the Umami server:
 * the answer of its {@code GET /api/heartbeat} endpoint, for health checks. Its details
 * name the host asked (never with user information or the API key) and, when Umami
 * answered with an error, the HTTP status.
 *
 * @param status whether Umami is up
 * @param details what a health endpoint may show: {@code host}, {@code status} (the HTTP
 * status of an error answer), {@code dryRun}
 * @param error why Umami could not be reached, if it could not
 * @author umami-spring-boot contributors
 */
public record UmamiHeartbeat(Status status, Map<String, Object> details, @Nullable Throwable error) {

	public UmamiHeartbeat {
		Assert.notNull(status, "'status' must not be null");
		Assert.notNull(details, "'details' must not be null");
		details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}

	/**
	 * Return the heartbeat of a transport that has no server to ask, such as a dry run.
	 * @param details what to show instead
	 * @return the heartbeat
	 */
	public static UmamiHeartbeat unknown(Map<String, Object> details) {
		return new UmamiHeartbeat(Status.UNKNOWN, details, null);
	}

	/**
	 * Return this heartbeat for a tracker whose sender thread is not running: down
	 * whatever Umami answered, with the detail {@code delivery: stopped}, since tracked
	 * events are not delivered until the thread is started again.
	 * @return the heartbeat
	 */
	public UmamiHeartbeat withDeliveryStopped() {
		Map<String, Object> details = new LinkedHashMap<>(this.details);
		details.put("delivery", "stopped");
		return new UmamiHeartbeat(Status.DOWN, details, new IllegalStateException(
				"Umami's sender thread is not running: tracked events wait until the next one starts it again"));
	}

	/**
	 * Whether Umami is up.
	 */
	public enum Status {

		/**
		 * Umami answered with a 2xx status.
		 */
		UP,

		/**
		 * Umami answered with another status, or could not be reached.
		 */
		DOWN,

		/**
		 * Nothing to ask: the transport has no server, as in a dry run.
		 */
		UNKNOWN

	}

}
