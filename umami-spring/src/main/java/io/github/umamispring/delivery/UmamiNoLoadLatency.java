package io.github.umamispring.delivery;

import java.util.concurrent.TimeUnit;

/**
 * The latency of requests to Umami without queueing, for {@link UmamiConcurrencyLimit}. A
 * batch takes longer than one event even when nothing waits before it, so it is kept per
 * event for each size class (powers of two): the lowest seen, measured again with a
 * request sent alone once it is {@value #LIFETIME_SECONDS} seconds old, so that latency
 * that built up slowly is never taken for it. Not thread-safe: the limit guards it.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiNoLoadLatency {

	/**
	 * Age, in seconds, after which the no-load latency of a size class is measured again.
	 */
	static final int LIFETIME_SECONDS = 30;

	private static final long LIFETIME = TimeUnit.SECONDS.toNanos(LIFETIME_SECONDS);

	/**
	 * Share of the no-load latency below which a request answered with others in flight
	 * shows it is out of date: Umami got faster.
	 */
	private static final double FASTER = 0.8;

	private static final int SIZE_CLASSES = 32;

	private final double[] perEvent = new double[SIZE_CLASSES];

	private final long[] measuredAt = new long[SIZE_CLASSES];

	private final boolean[] known = new boolean[SIZE_CLASSES];

	/**
	 * Learn from an answered request, and return the no-load latency of its size.
	 * @param size the number of events of the request
	 * @param latency how long it took, in nanoseconds
	 * @param alone whether it was sent with no other request in flight
	 * @param now the time it was answered, in nanoseconds
	 * @return the no-load latency in nanoseconds, or a negative value when it is unknown
	 * or too old and must be measured again with a request sent alone
	 */
	double update(int size, long latency, boolean alone, long now) {
		int sizeClass = 31 - Integer.numberOfLeadingZeros(size);
		double latencyPerEvent = (double) Math.max(latency, 1) / size;
		boolean known = this.known[sizeClass];
		boolean stale = !known || now - this.measuredAt[sizeClass] > LIFETIME;
		boolean lower = known && latencyPerEvent <= this.perEvent[sizeClass];
		if (alone && (stale || lower)) {
			this.perEvent[sizeClass] = latencyPerEvent;
			this.measuredAt[sizeClass] = now;
			this.known[sizeClass] = true;
			stale = false;
		}
		else if (lower) {
			// Umami got faster; but only a request sent alone measures it without
			// queueing, so this does not put off measuring it again, and much faster
			// calls for measuring it at once
			stale = stale || latencyPerEvent < this.perEvent[sizeClass] * FASTER;
			this.perEvent[sizeClass] = latencyPerEvent;
			this.measuredAt[sizeClass] = stale ? now - LIFETIME - 1 : this.measuredAt[sizeClass];
		}
		return stale ? -1 : this.perEvent[sizeClass] * size;
	}

}
