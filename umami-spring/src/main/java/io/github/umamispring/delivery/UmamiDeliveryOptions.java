package io.github.umamispring.delivery;

import java.time.Duration;

/**
 * How {@link DefaultUmamiTracker} delivers the events handed to
 * {@link DefaultUmamiTracker#track(io.github.umamispring.UmamiEvent)}: queue, retries,
 * batching, deliveries in flight, timeouts, shutdown, and what to do with events fitted
 * into Umami's limits. Built with {@link #builder()}, starting from the defaults (those
 * of the {@code umami.delivery.*} properties), so that a new option never breaks existing
 * code; each builder method checks its value.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiDeliveryOptions {

	/**
	 * Largest batch Umami's {@code /api/batch} endpoint is meant for.
	 */
	public static final int MAX_BATCH_SIZE = 500;

	private static final UmamiDeliveryOptions DEFAULTS = builder().build();

	/**
	 * A copy of the builder's values, never handed out.
	 */
	private final UmamiDeliveryOptionsBuilder values;

	UmamiDeliveryOptions(UmamiDeliveryOptionsBuilder builder) {
		this.values = new UmamiDeliveryOptionsBuilder(builder);
	}

	/**
	 * Return the defaults, those of the {@code umami.delivery.*} properties.
	 * @return the default options
	 */
	public static UmamiDeliveryOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Return a builder starting from the {@link #defaults()}.
	 * @return a builder
	 */
	public static UmamiDeliveryOptionsBuilder builder() {
		return new UmamiDeliveryOptionsBuilder();
	}

	/**
	 * Return a builder starting from these options.
	 * @return a builder
	 */
	public UmamiDeliveryOptionsBuilder toBuilder() {
		return new UmamiDeliveryOptionsBuilder(this.values);
	}

	/**
	 * Return the most events held, waiting or being sent.
	 * @return the value
	 */
	public int queueCapacity() {
		return this.values.queueCapacity;
	}

	/**
	 * Whether a full queue drops its oldest waiting event rather than the new one.
	 * @return the value
	 */
	public boolean dropOldest() {
		return this.values.dropOldest;
	}

	/**
	 * Return the most attempts for an event whose sending may be retried, the first
	 * included.
	 * @return the value
	 */
	public int maxAttempts() {
		return this.values.maxAttempts;
	}

	/**
	 * Return the backoff before the first retry, doubled for each further one.
	 * @return the value
	 */
	public Duration initialBackoff() {
		return this.values.initialBackoff;
	}

	/**
	 * Return the longest backoff.
	 * @return the value
	 */
	public Duration maxBackoff() {
		return this.values.maxBackoff;
	}

	/**
	 * Whether to send through {@code /api/batch}.
	 * @return the value
	 */
	public boolean batchEnabled() {
		return this.values.batchEnabled;
	}

	/**
	 * Return the most events in one batch, at most {@value #MAX_BATCH_SIZE}.
	 * @return the value
	 */
	public int batchMaxSize() {
		return this.values.batchMaxSize;
	}

	/**
	 * Return the longest time an event waits for its batch to fill.
	 * @return the value
	 */
	public Duration batchMaxWait() {
		return this.values.batchMaxWait;
	}

	/**
	 * Return the longest time to deliver what is queued at shutdown.
	 * @return the value
	 */
	public Duration shutdownTimeout() {
		return this.values.shutdownTimeout;
	}

	/**
	 * Return the most deliveries in flight at once, the highest value of the adaptive
	 * limit.
	 * @return the value
	 */
	public int maxInFlight() {
		return this.values.maxInFlight;
	}

	/**
	 * Return the time a request may take to connect.
	 * @return the value
	 */
	public Duration connectTimeout() {
		return this.values.connectTimeout;
	}

	/**
	 * Return the time Umami may take to answer a request of one event once it is sent.
	 * @return the value
	 */
	public Duration readTimeout() {
		return this.values.readTimeout;
	}

	/**
	 * Return the time added to the read timeout for every other event Umami writes before
	 * it answers: those of the request after the first, and those of the requests in
	 * flight when it was sent.
	 * @return the value
	 */
	public Duration readTimeoutPerEvent() {
		return this.values.readTimeoutPerEvent;
	}

	/**
	 * Whether to refuse events fitted into Umami's limits (values from visitors or
	 * run-time data cut or left out) instead of sending them as fitted: for tests that
	 * must notice such values. A refused event is
	 * {@link io.github.umamispring.UmamiResult.Dropped}, logged once at WARN per event
	 * name and fields changed.
	 * @return the value
	 */
	public boolean refuseAdjustedEvents() {
		return this.values.refuseAdjustedEvents;
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
		Duration perEventTimeout = readTimeoutPerEvent();
		long perEvent = (perEventTimeout.getSeconds() < most / 1_000_000_000L) ? perEventTimeout.toNanos() : most;
		long extra = (perEvent == 0 || events <= most / perEvent) ? perEvent * events : most;
		return readTimeout().plusNanos(extra);
	}

	/**
	 * Return the longest read timeout a request can have: one sent when as many
	 * deliveries as allowed are in flight, each as large as allowed.
	 * @return the longest read timeout
	 */
	public Duration longestReadTimeout() {
		int largest = batchEnabled() ? batchMaxSize() : 1;
		return readTimeout(1, maxInFlight() * largest);
	}

}
