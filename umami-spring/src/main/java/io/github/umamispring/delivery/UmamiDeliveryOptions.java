package io.github.umamispring.delivery;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How {@link DefaultUmamiTracker} delivers the events handed to
 * {@link DefaultUmamiTracker#track(io.github.umamispring.UmamiEvent)}: queue, retries,
 * batching, deliveries in flight, timeouts and shutdown.
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
 * @param maxInFlight the most deliveries in flight at once, the highest value of the
 * adaptive limit
 * @param connectTimeout the time a request may take to connect
 * @param readTimeout the time Umami may take to answer a request of one event once it is
 * sent
 * @param readTimeoutPerEvent the time added to the read timeout for every other event
 * Umami writes before it answers: those of the request after the first, and those of the
 * requests in flight when it was sent
 * @author umami-spring-boot contributors
 */
public record UmamiDeliveryOptions(int queueCapacity, boolean dropOldest, int maxAttempts, Duration initialBackoff,
		Duration maxBackoff, boolean batchEnabled, int batchMaxSize, Duration batchMaxWait, Duration shutdownTimeout,
		int maxInFlight, Duration connectTimeout, Duration readTimeout, Duration readTimeoutPerEvent) {

	/**
	 * Largest batch Umami's {@code /api/batch} endpoint is meant for.
	 */
	public static final int MAX_BATCH_SIZE = 500;

	private static final int DEFAULT_MAX_IN_FLIGHT = 16;

	private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration DEFAULT_READ_TIMEOUT_PER_EVENT = Duration.ofMillis(100);

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
		Assert.isTrue(maxInFlight > 0, "'maxInFlight' must be positive");
		Assert.notNull(connectTimeout, "'connectTimeout' must not be null");
		Assert.notNull(readTimeout, "'readTimeout' must not be null");
		Assert.notNull(readTimeoutPerEvent, "'readTimeoutPerEvent' must not be null");
		Assert.isTrue(!readTimeoutPerEvent.isNegative(), "'readTimeoutPerEvent' must not be negative");
	}

	/**
	 * Create options with the default limit of deliveries in flight and timeouts.
	 * @param queueCapacity the most events held, waiting or being sent
	 * @param dropOldest whether a full queue drops its oldest waiting event
	 * @param maxAttempts the most attempts for an event Umami answered with 429, 502, 503
	 * or 504
	 * @param initialBackoff the backoff before the first retry
	 * @param maxBackoff the longest backoff
	 * @param batchEnabled whether to send through {@code /api/batch}
	 * @param batchMaxSize the most events in one batch
	 * @param batchMaxWait the longest time an event waits for its batch to fill
	 * @param shutdownTimeout the longest time to deliver what is queued at shutdown
	 */
	public UmamiDeliveryOptions(int queueCapacity, boolean dropOldest, int maxAttempts, Duration initialBackoff,
			Duration maxBackoff, boolean batchEnabled, int batchMaxSize, Duration batchMaxWait,
			Duration shutdownTimeout) {
		this(queueCapacity, dropOldest, maxAttempts, initialBackoff, maxBackoff, batchEnabled, batchMaxSize,
				batchMaxWait, shutdownTimeout, DEFAULT_MAX_IN_FLIGHT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
				DEFAULT_READ_TIMEOUT_PER_EVENT);
	}

	/**
	 * Return the read timeout of a request: the read timeout, plus the time per event for
	 * every event Umami writes before it answers.
	 * @param size the number of events of the request
	 * @param eventsAhead the number of events of the requests in flight when it is sent
	 * @return the read timeout of the request
	 */
	public Duration readTimeout(int size, int eventsAhead) {
		long events = Math.max(0, (long) size - 1 + eventsAhead);
		// Not Duration.multipliedBy: it computes with BigDecimal, for every request
		long most = Long.MAX_VALUE / 2;
		long perEvent = (this.readTimeoutPerEvent.getSeconds() < most / 1_000_000_000L)
				? this.readTimeoutPerEvent.toNanos() : most;
		long extra = (perEvent == 0 || events <= most / perEvent) ? perEvent * events : most;
		return this.readTimeout.plusNanos(extra);
	}

	/**
	 * Return the longest read timeout a request can have: one sent when as many
	 * deliveries as allowed are in flight, each as large as allowed.
	 * @return the longest read timeout
	 */
	public Duration longestReadTimeout() {
		int largest = this.batchEnabled ? this.batchMaxSize : 1;
		return readTimeout(1, this.maxInFlight * largest);
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
