package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The tracker's own bound on every request, whatever its transport does: one timer checks
 * the requests in flight every {@link #TICK}, instead of one timer per request. The
 * transport's own timeouts come first (on Reactor Netty the read timeout is exact); this
 * is the backstop, so a deadline passes at most one tick late. Scheduling and cancelling
 * a timer per request cost more than the rest of the tracker's work for an event, and
 * woke a timer thread for every request.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiDeadlines {

	/**
	 * How often the requests in flight are checked.
	 */
	static final Duration TICK = Duration.ofMillis(100);

	private static final long MAX_SECONDS = TimeUnit.DAYS.toSeconds(365 * 100);

	private final Set<Deadline> pending = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean checkScheduled = new AtomicBoolean();

	private final Scheduler scheduler;

	private final LongSupplier nanoTime;

	UmamiDeadlines() {
		this(Schedulers.parallel(), System::nanoTime);
	}

	UmamiDeadlines(Scheduler scheduler, LongSupplier nanoTime) {
		this.scheduler = scheduler;
		this.nanoTime = nanoTime;
	}

	/**
	 * Start the deadline of a request.
	 * @param timeout the time the request may take
	 * @return the deadline, to {@link Deadline#finish() finish} when the request ends
	 */
	Deadline start(Duration timeout) {
		// Capped, so that a timeout of centuries neither overflows nor passes at once
		long nanos = (timeout.getSeconds() < MAX_SECONDS) ? timeout.toNanos() : MAX_SECONDS * 1_000_000_000L;
		Deadline deadline = new Deadline(this.nanoTime.getAsLong() + nanos);
		this.pending.add(deadline);
		scheduleCheck();
		return deadline;
	}

	int pending() {
		return this.pending.size();
	}

	private void scheduleCheck() {
		if (this.checkScheduled.compareAndSet(false, true)) {
			this.scheduler.schedule(this::check, TICK.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private void check() {
		long now = this.nanoTime.getAsLong();
		for (Deadline deadline : this.pending) {
			if (now - deadline.at >= 0) {
				deadline.pass();
			}
		}
		// Cleared before looking again, so that a request started meanwhile is checked
		this.checkScheduled.set(false);
		if (!this.pending.isEmpty()) {
			scheduleCheck();
		}
	}

	/**
	 * The deadline of one request.
	 */
	final class Deadline {

		private final long at;

		private final Sinks.Empty<Void> passed = Sinks.empty();

		private volatile boolean hasPassed;

		private Deadline(long at) {
			this.at = at;
		}

		/**
		 * Return a {@code Mono} that completes when the deadline passes.
		 * @return the signal of the deadline
		 */
		Mono<Void> passed() {
			return this.passed.asMono();
		}

		boolean hasPassed() {
			return this.hasPassed;
		}

		/**
		 * Stop watching the request: it ended.
		 */
		void finish() {
			UmamiDeadlines.this.pending.remove(this);
		}

		private void pass() {
			this.hasPassed = true;
			finish();
			this.passed.tryEmitEmpty();
		}

	}

}
