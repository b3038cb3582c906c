package io.github.umamispring.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A UTC clock that tests move: one that stands still until {@link #advance advanced}, or
 * one that tells whatever time a supplier gives (say, another per thread).
 */
public final class TestClock extends Clock {

	private final AtomicReference<Instant> now = new AtomicReference<>();

	private final Supplier<Instant> instant;

	/**
	 * Create a clock standing at the given instant until advanced.
	 * @param start the instant
	 */
	public TestClock(Instant start) {
		this.now.set(start);
		this.instant = this.now::get;
	}

	/**
	 * Create a clock telling the time the given supplier gives; it cannot be advanced.
	 * @param instant the supplier of the time
	 */
	public TestClock(Supplier<Instant> instant) {
		this.instant = instant;
	}

	/**
	 * Move the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		if (this.now.getAndUpdate((now) -> (now != null) ? now.plus(duration) : null) == null) {
			throw new IllegalStateException("A clock on a supplier of the time cannot be advanced");
		}
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.instant.get();
	}

}
