package io.github.umamispring.autoconfigure;

import java.time.Duration;

import io.github.umamispring.delivery.UmamiDeliveryOptions;

import static io.github.umamispring.autoconfigure.UmamiConnectionValidator.invalid;

/**
 * Maps the {@code umami.delivery.*} properties to {@link UmamiDeliveryOptions}, checking
 * them first, so that an impossible value fails the application with the property's name
 * and the fix.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiDeliveryOptionsMapper {

	private UmamiDeliveryOptionsMapper() {
	}

	static UmamiDeliveryOptions map(UmamiProperties properties) {
		UmamiProperties.Delivery delivery = properties.getDelivery();
		validate(delivery);
		UmamiProperties.Delivery.Queue queue = delivery.getQueue();
		UmamiProperties.Delivery.Retry retry = delivery.getRetry();
		UmamiProperties.Delivery.Batch batch = delivery.getBatch();
		return UmamiDeliveryOptions.builder()
			.queueCapacity(queue.getCapacity())
			.dropOldest(queue.getOverflow() == UmamiProperties.Delivery.Queue.Overflow.DROP_OLDEST)
			.maxAttempts(retry.getMaxAttempts())
			.initialBackoff(retry.getInitialBackoff())
			.maxBackoff(retry.getMaxBackoff())
			.batchEnabled(batch.isEnabled())
			.batchMaxSize(batch.getMaxSize())
			.batchMaxWait(batch.getMaxWait())
			.shutdownTimeout(delivery.getShutdownTimeout())
			.maxInFlight(delivery.getMaxInFlight())
			.connectTimeout(delivery.getConnectTimeout())
			.readTimeout(delivery.getReadTimeout())
			.readTimeoutPerEvent(delivery.getReadTimeoutPerEvent())
			.refuseAdjustedEvents(properties.getOverLimit() == UmamiProperties.OverLimit.REFUSE)
			.build();
	}

	private static void validate(UmamiProperties.Delivery delivery) {
		int capacity = delivery.getQueue().getCapacity();
		if (capacity <= 0) {
			throw invalid("umami.delivery.queue.capacity", capacity, "the queue must hold at least one event",
					"Set 'umami.delivery.queue.capacity' to a positive number, by default 10000");
		}
		int maxAttempts = delivery.getRetry().getMaxAttempts();
		if (maxAttempts <= 0) {
			throw invalid("umami.delivery.retry.max-attempts", maxAttempts, "every event needs at least one attempt",
					"Set 'umami.delivery.retry.max-attempts' to 1 to never retry, or more");
		}
		int maxSize = delivery.getBatch().getMaxSize();
		if (maxSize <= 0 || maxSize > UmamiDeliveryOptions.MAX_BATCH_SIZE) {
			throw invalid("umami.delivery.batch.max-size", maxSize,
					"Umami's batch endpoint takes between 1 and " + UmamiDeliveryOptions.MAX_BATCH_SIZE
							+ " events per request",
					"Set 'umami.delivery.batch.max-size' to a number between 1 and "
							+ UmamiDeliveryOptions.MAX_BATCH_SIZE);
		}
		int maxInFlight = delivery.getMaxInFlight();
		if (maxInFlight <= 0) {
			throw invalid("umami.delivery.max-in-flight", maxInFlight,
					"events are sent only while fewer requests than this are in flight",
					"Set 'umami.delivery.max-in-flight' to a positive number, by default 16");
		}
		checkPositive("umami.delivery.connect-timeout", delivery.getConnectTimeout());
		checkPositive("umami.delivery.read-timeout", delivery.getReadTimeout());
		checkNotNegative("umami.delivery.read-timeout-per-event", delivery.getReadTimeoutPerEvent());
		checkNotNegative("umami.delivery.retry.initial-backoff", delivery.getRetry().getInitialBackoff());
		checkNotNegative("umami.delivery.retry.max-backoff", delivery.getRetry().getMaxBackoff());
		checkNotNegative("umami.delivery.batch.max-wait", delivery.getBatch().getMaxWait());
		checkNotNegative("umami.delivery.shutdown-timeout", delivery.getShutdownTimeout());
	}

	private static void checkPositive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw invalid(property, value, "a request to Umami needs time to connect and answer",
					"Set '" + property + "' to a positive duration such as 2s or 5s");
		}
	}

	private static void checkNotNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw invalid(property, value, "a duration must not be negative",
					"Set '" + property + "' to a positive duration such as 500ms or 10s");
		}
	}

}
