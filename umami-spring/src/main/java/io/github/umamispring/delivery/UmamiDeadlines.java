package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The tracker's own bound on every request, whatever its transport does: one timer checks
 * the requests in flight every {@link #TICK}, instead of one timer per request. The
 * transport's own timeouts come first (on Reactor Netty the read timeout is exact); this
 * is the backstop, so a deadline passes at most one tick late. A timer per request
 * ({@code Mono.timeout}) cost more than the rest of the tracker's work for an event, and
 * woke a timer thread for every request.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiDeadlines {

	/**
	 * How often the requests in flight are checked.
	 */
	static final Duration TICK = Duration.ofMillis(100);

	private static final Duration LONGEST = Duration.ofDays(365L * 100);

	private final Set<Deadline<?>> pending = ConcurrentHashMap.newKeySet();

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
	 * Bound a request: its answer, or the given one once the timeout passed, when the
	 * request is cancelled.
	 * @param <T> the type of the answer
	 * @param request the request, sent when subscribed to
	 * @param timeout the time the request may take
	 * @param timedOut the answer that stands for a request that took too long
	 * @return the bounded request
	 */
	<T> Mono<T> bound(Mono<T> request, Duration timeout, Supplier<T> timedOut) {
		return new Bounded<>(request, timeout, timedOut);
	}

	int pending() {
		return this.pending.size();
	}

	private void watch(Deadline<?> deadline) {
		this.pending.add(deadline);
		if (deadline.ended != 0) {
			// Cancelled as it was subscribed to, before it was watched
			this.pending.remove(deadline);
			return;
		}
		scheduleCheck();
	}

	private void scheduleCheck() {
		if (this.checkScheduled.compareAndSet(false, true)) {
			this.scheduler.schedule(this::check, TICK.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private void check() {
		long now = this.nanoTime.getAsLong();
		for (Deadline<?> deadline : this.pending) {
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

	private final class Bounded<T> extends MonoOperator<T, T> {

		private final Duration timeout;

		private final Supplier<T> timedOut;

		Bounded(Mono<T> request, Duration timeout, Supplier<T> timedOut) {
			super(request);
			this.timeout = timeout;
			this.timedOut = timedOut;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			// Capped, so that a timeout of centuries neither overflows nor passes at once
			Duration timeout = (this.timeout.compareTo(LONGEST) < 0) ? this.timeout : LONGEST;
			this.source.subscribe(new Deadline<>(actual, nanoTime.getAsLong() + timeout.toNanos(), this.timedOut));
		}

	}

	/**
	 * The deadline of one request, between it and its subscriber: whichever of the answer
	 * and the deadline comes first is passed on.
	 */
	private final class Deadline<T> extends Operators.MonoSubscriber<T, T> {

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<Deadline> ENDED = AtomicIntegerFieldUpdater
			.newUpdater(Deadline.class, "ended");

		private final long at;

		private final Supplier<T> timedOut;

		private volatile @Nullable Subscription upstream;

		private volatile int ended;

		Deadline(CoreSubscriber<? super T> actual, long at, Supplier<T> timedOut) {
			super(actual);
			this.at = at;
			this.timedOut = timedOut;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
				watch(this);
				subscription.request(Long.MAX_VALUE);
			}
		}

		@Override
		public void onNext(T answer) {
			if (end()) {
				complete(answer);
			}
			else {
				Operators.onDiscard(answer, currentContext());
			}
		}

		@Override
		public void onError(Throwable ex) {
			if (end()) {
				this.actual.onError(ex);
			}
			else {
				Operators.onErrorDropped(ex, currentContext());
			}
		}

		@Override
		public void onComplete() {
			if (end()) {
				this.actual.onComplete();
			}
		}

		@Override
		public void cancel() {
			super.cancel();
			end();
			cancelUpstream();
		}

		/**
		 * The deadline passed before the answer: cancel the request, pass on the answer
		 * that stands for it.
		 */
		void pass() {
			if (end()) {
				cancelUpstream();
				complete(this.timedOut.get());
			}
		}

		private boolean end() {
			if (ENDED.compareAndSet(this, 0, 1)) {
				UmamiDeadlines.this.pending.remove(this);
				return true;
			}
			return false;
		}

		private void cancelUpstream() {
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.cancel();
			}
		}

	}

}
