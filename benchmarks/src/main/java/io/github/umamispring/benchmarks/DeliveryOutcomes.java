package io.github.umamispring.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.delivery.UmamiDeliveryListener;

/**
 * Counts what became of a tracker's events and requests: accepted, failed, failed by a
 * timeout, and the longest request.
 *
 * @author umami-spring-boot contributors
 */
final class DeliveryOutcomes implements UmamiDeliveryListener {

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicInteger timedOut = new AtomicInteger();

	private final AtomicLong longestRequestNanos = new AtomicLong();

	@Override
	public void onResult(UmamiEvent event, UmamiResult result) {
		if (result instanceof UmamiResult.Accepted) {
			this.accepted.incrementAndGet();
		}
		else if (result instanceof UmamiResult.Failed failed) {
			this.failed.incrementAndGet();
			if (CapacityHarness.isTimeout(failed.cause())) {
				this.timedOut.incrementAndGet();
			}
		}
	}

	@Override
	public void onRequest(String endpoint, String outcome, Duration duration) {
		this.longestRequestNanos.accumulateAndGet(duration.toNanos(), Math::max);
	}

	int accepted() {
		return this.accepted.get();
	}

	int failed() {
		return this.failed.get();
	}

	int timedOut() {
		return this.timedOut.get();
	}

	/**
	 * Return the longest request since the last call, and start over.
	 * @return the longest request
	 */
	Duration takeLongestRequest() {
		return Duration.ofNanos(this.longestRequestNanos.getAndSet(0));
	}

}
