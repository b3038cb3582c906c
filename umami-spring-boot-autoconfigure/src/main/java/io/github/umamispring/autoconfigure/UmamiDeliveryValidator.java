package io.github.umamispring.autoconfigure;

import java.time.Duration;

import io.github.umamispring.delivery.UmamiDeliveryOptions;

/**
 * Checks the delivery settings at startup, so that an impossible value fails the
 * application with a clear message.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiDeliveryValidator {

	private UmamiDeliveryValidator() {
	}

	static void validate(UmamiProperties properties) {
		int capacity = properties.getQueue().getCapacity();
		if (capacity <= 0) {
			throw new InvalidUmamiPropertyException("umami.queue.capacity", String.valueOf(capacity),
					"the queue must hold at least one event",
					"Set 'umami.queue.capacity' to a positive number, by default 10000");
		}
		int maxAttempts = properties.getRetry().getMaxAttempts();
		if (maxAttempts <= 0) {
			throw new InvalidUmamiPropertyException("umami.retry.max-attempts", String.valueOf(maxAttempts),
					"every event needs at least one attempt",
					"Set 'umami.retry.max-attempts' to 1 to never retry, or more");
		}
		int maxSize = properties.getBatch().getMaxSize();
		if (maxSize <= 0 || maxSize > UmamiDeliveryOptions.MAX_BATCH_SIZE) {
			throw new InvalidUmamiPropertyException("umami.batch.max-size", String.valueOf(maxSize),
					"Umami's batch endpoint takes between 1 and " + UmamiDeliveryOptions.MAX_BATCH_SIZE
							+ " events per request",
					"Set 'umami.batch.max-size' to a number between 1 and " + UmamiDeliveryOptions.MAX_BATCH_SIZE);
		}
		int maxInFlight = properties.getMaxInFlight();
		if (maxInFlight <= 0) {
			throw new InvalidUmamiPropertyException("umami.max-in-flight", String.valueOf(maxInFlight),
					"events are sent only while fewer requests than this are in flight",
					"Set 'umami.max-in-flight' to a positive number, by default 16");
		}
		checkPositive("umami.connect-timeout", properties.getConnectTimeout());
		checkPositive("umami.read-timeout", properties.getReadTimeout());
		checkNotNegative("umami.read-timeout-per-event", properties.getReadTimeoutPerEvent());
		checkNotNegative("umami.retry.initial-backoff", properties.getRetry().getInitialBackoff());
		checkNotNegative("umami.retry.max-backoff", properties.getRetry().getMaxBackoff());
		checkNotNegative("umami.batch.max-wait", properties.getBatch().getMaxWait());
		checkNotNegative("umami.shutdown-timeout", properties.getShutdownTimeout());
	}

	private static void checkPositive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidUmamiPropertyException(property, value.toString(),
					"a request to Umami needs time to connect and answer",
					"Set '" + property + "' to a positive duration such as 2s or 5s");
		}
	}

	private static void checkNotNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new InvalidUmamiPropertyException(property, value.toString(), "a duration must not be negative",
					"Set '" + property + "' to a positive duration such as 500ms or 10s");
		}
	}

}
