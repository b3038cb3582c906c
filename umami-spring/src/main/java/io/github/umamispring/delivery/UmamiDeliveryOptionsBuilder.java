package io.github.umamispring.delivery;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Builds {@link UmamiDeliveryOptions}, starting from the defaults (see
 * {@link UmamiDeliveryOptions#builder()}). Each method refuses an impossible value with
 * an {@link IllegalArgumentException} naming it.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiDeliveryOptionsBuilder {

	int queueCapacity = 10_000;

	boolean dropOldest;

	int maxAttempts = 5;

	Duration initialBackoff = Duration.ofMillis(500);

	Duration maxBackoff = Duration.ofSeconds(30);

	boolean batchEnabled = true;

	int batchMaxSize = 100;

	Duration batchMaxWait = Duration.ofMillis(100);

	Duration shutdownTimeout = Duration.ofSeconds(10);

	int maxInFlight = 16;

	Duration connectTimeout = Duration.ofSeconds(2);

	Duration readTimeout = Duration.ofSeconds(5);

	Duration readTimeoutPerEvent = Duration.ofMillis(100);

	boolean refuseAdjustedEvents;

	UmamiDeliveryOptionsBuilder() {
	}

	UmamiDeliveryOptionsBuilder(UmamiDeliveryOptionsBuilder other) {
		this.queueCapacity = other.queueCapacity;
		this.dropOldest = other.dropOldest;
		this.maxAttempts = other.maxAttempts;
		this.initialBackoff = other.initialBackoff;
		this.maxBackoff = other.maxBackoff;
		this.batchEnabled = other.batchEnabled;
		this.batchMaxSize = other.batchMaxSize;
		this.batchMaxWait = other.batchMaxWait;
		this.shutdownTimeout = other.shutdownTimeout;
		this.maxInFlight = other.maxInFlight;
		this.connectTimeout = other.connectTimeout;
		this.readTimeout = other.readTimeout;
		this.readTimeoutPerEvent = other.readTimeoutPerEvent;
		this.refuseAdjustedEvents = other.refuseAdjustedEvents;
	}

	/**
	 * Set the most events held, waiting or being sent.
	 * @param queueCapacity the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder queueCapacity(int queueCapacity) {
		Assert.isTrue(queueCapacity > 0, "'queueCapacity' must be positive");
		this.queueCapacity = queueCapacity;
		return this;
	}

	/**
	 * Set whether a full queue drops its oldest waiting event rather than the new one.
	 * @param dropOldest the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder dropOldest(boolean dropOldest) {
		this.dropOldest = dropOldest;
		return this;
	}

	/**
	 * Set the most attempts for an event whose sending may be retried, the first
	 * included.
	 * @param maxAttempts the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder maxAttempts(int maxAttempts) {
		Assert.isTrue(maxAttempts > 0, "'maxAttempts' must be positive");
		this.maxAttempts = maxAttempts;
		return this;
	}

	/**
	 * Set the backoff before the first retry, doubled for each further one.
	 * @param initialBackoff the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder initialBackoff(Duration initialBackoff) {
		notNegative(initialBackoff, "initialBackoff");
		this.initialBackoff = initialBackoff;
		return this;
	}

	/**
	 * Set the longest backoff.
	 * @param maxBackoff the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder maxBackoff(Duration maxBackoff) {
		notNegative(maxBackoff, "maxBackoff");
		this.maxBackoff = maxBackoff;
		return this;
	}

	/**
	 * Set whether to send through {@code /api/batch}.
	 * @param batchEnabled the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder batchEnabled(boolean batchEnabled) {
		this.batchEnabled = batchEnabled;
		return this;
	}

	/**
	 * Set the most events in one batch, at most
	 * {@value UmamiDeliveryOptions#MAX_BATCH_SIZE}.
	 * @param batchMaxSize the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder batchMaxSize(int batchMaxSize) {
		Assert.isTrue(batchMaxSize > 0 && batchMaxSize <= UmamiDeliveryOptions.MAX_BATCH_SIZE,
				() -> "'batchMaxSize' must be between 1 and " + UmamiDeliveryOptions.MAX_BATCH_SIZE + ", not "
						+ batchMaxSize);
		this.batchMaxSize = batchMaxSize;
		return this;
	}

	/**
	 * Set the longest time an event waits for its batch to fill.
	 * @param batchMaxWait the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder batchMaxWait(Duration batchMaxWait) {
		notNegative(batchMaxWait, "batchMaxWait");
		this.batchMaxWait = batchMaxWait;
		return this;
	}

	/**
	 * Set the longest time to deliver what is queued at shutdown.
	 * @param shutdownTimeout the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder shutdownTimeout(Duration shutdownTimeout) {
		notNegative(shutdownTimeout, "shutdownTimeout");
		this.shutdownTimeout = shutdownTimeout;
		return this;
	}

	/**
	 * Set the most deliveries in flight at once, the highest value of the adaptive limit.
	 * @param maxInFlight the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder maxInFlight(int maxInFlight) {
		Assert.isTrue(maxInFlight > 0, "'maxInFlight' must be positive");
		this.maxInFlight = maxInFlight;
		return this;
	}

	/**
	 * Set the time a request may take to connect.
	 * @param connectTimeout the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder connectTimeout(Duration connectTimeout) {
		positive(connectTimeout, "connectTimeout");
		this.connectTimeout = connectTimeout;
		return this;
	}

	/**
	 * Set the time Umami may take to answer a request of one event once it is sent.
	 * @param readTimeout the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder readTimeout(Duration readTimeout) {
		positive(readTimeout, "readTimeout");
		this.readTimeout = readTimeout;
		return this;
	}

	/**
	 * Set the time added to the read timeout for every other event Umami writes before it
	 * answers: those of the request after the first, and those of the requests in flight
	 * when it was sent.
	 * @param readTimeoutPerEvent the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder readTimeoutPerEvent(Duration readTimeoutPerEvent) {
		notNegative(readTimeoutPerEvent, "readTimeoutPerEvent");
		this.readTimeoutPerEvent = readTimeoutPerEvent;
		return this;
	}

	/**
	 * Set whether to refuse events fitted into Umami's limits (values from visitors or
	 * run-time data cut or left out) instead of sending them as fitted: for tests that
	 * must notice such values. A refused event is
	 * {@link io.github.umamispring.UmamiResult.Dropped}, logged once at WARN per event
	 * name and fields changed.
	 * @param refuseAdjustedEvents the value
	 * @return this builder
	 */
	public UmamiDeliveryOptionsBuilder refuseAdjustedEvents(boolean refuseAdjustedEvents) {
		this.refuseAdjustedEvents = refuseAdjustedEvents;
		return this;
	}

	/**
	 * Build the options.
	 * @return the options
	 */
	public UmamiDeliveryOptions build() {
		return new UmamiDeliveryOptions(this);
	}

	private static void notNegative(Duration duration, String name) {
		Assert.isTrue(duration != null && !duration.isNegative(), () -> "'" + name + "' must not be negative");
	}

	private static void positive(Duration duration, String name) {
		Assert.isTrue(duration != null && !duration.isNegative() && !duration.isZero(),
				() -> "'" + name + "' must be positive");
	}

}
