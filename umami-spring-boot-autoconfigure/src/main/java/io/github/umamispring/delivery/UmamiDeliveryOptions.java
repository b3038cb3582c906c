package io.github.umamispring.delivery;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How {@link DefaultUmamiTracker} delivers the events handed to
 * {@link DefaultUmamiTracker#track(io.github.umamispring.UmamiEvent)}: queue, retries,
 * batching and shutdown.
 *
 * @param queueCapacity the most events held, waiting or being sent
 * @param dropOldest whether a full queue drops its oldest waiting event rather than the
 * new one
 * @param maxAttempts the most attempts for an event Umami answered with 429, 502, 503 or
 * 504, the first included
 * @param initialBackoff the backoff before the first retry, doubled for each further one
 * @param maxBackoff the longest backoff
 * @param batchEnabled whether to send through {@code /api/batch}
 * @param batchMaxSize the most events in one batch, at most {@value #MAX_BATCH_SIZE}
 * @param batchMaxWait the longest time an event waits for its batch to fill
 * @param shutdownTimeout the longest time to deliver what is queued at shutdown
 * @author umami-spring-boot contributors
 */
public record UmamiDeliveryOptions(int queueCapacity, boolean dropOldest, int maxAttempts, Duration initialBackoff,
		Duration maxBackoff, boolean batchEnabled, int batchMaxSize, Duration batchMaxWait, Duration shutdownTimeout) {

	/**
	 * Largest batch Umami's {@code /api/batch} endpoint is meant for.
	 */
	public static final int MAX_BATCH_SIZE = 500;

	public UmamiDeliveryOptions {
		Assert.isTrue(queueCapacity > 0, "'queueCapacity' must be positive");
		Assert.isTrue(maxAttempts > 0, "'maxAttempts' must be positive");
		Assert.notNull(initialBackoff, "'initialBackoff' must not be null");
		Assert.notNull(maxBackoff, "'maxBackoff' must not be null");
		Assert.isTrue(!initialBackoff.isNegative() && !maxBackoff.isNegative(), "Backoffs must not be negative");
		Assert.isTrue(batchMaxSize > 0 && batchMaxSize <= MAX_BATCH_SIZE,
				() -> "'batchMaxSize' must be between 1 and " + MAX_BATCH_SIZE + ", not " + batchMaxSize);
		Assert.notNull(batchMaxWait, "'batchMaxWait' must not be null");
		Assert.notNull(shutdownTimeout, "'shutdownTimeout' must not be null");
	}

	/**
	 * Return the defaults, those of the {@code umami.*} properties.
	 * @return the default options
	 */
	public static UmamiDeliveryOptions defaults() {
		return new UmamiDeliveryOptions(10_000, false, 5, Duration.ofMillis(500), Duration.ofSeconds(30), true, 100,
				Duration.ofMillis(100), Duration.ofSeconds(10));
	}

}
