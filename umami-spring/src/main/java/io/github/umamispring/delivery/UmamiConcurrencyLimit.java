package io.github.umamispring.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.github.umamispring.UmamiResult;
import org.jspecify.annotations.Nullable;

/**
 * The adaptive limit on the deliveries in flight to Umami, after TCP Vegas (Brakmo and
 * Peterson, 1995), as Netflix's concurrency-limits library applies it to requests.
 * <p>
 * Each answer is a latency sample. Compared with the latency of the same request without
 * queueing (its no-load latency), it tells how many requests wait at Umami:
 * {@code queued = inFlight x (1 - noLoad / latency)}, where the first 5 ms of queueing
 * count as flat latency (against a fast server, more requests in flight cost nothing and
 * let client and server batch their work). While fewer than {@value #ALPHA} wait and the
 * limit holds events back, the limit grows by one per round of answers; when more than
 * {@value #BETA} wait, it shrinks by one per round. A timeout, a 429, 502, 503 or 504, or
 * a connection failure halves it, once per round, as TCP does on a loss. It starts at one
 * and stays between one and the configured maximum.
 * <p>
 * The no-load latency is kept for each size of request ({@link UmamiNoLoadLatency}) and
 * measured again with a request sent alone every 30 seconds: to measure it, the limit
 * lets one delivery through until that request's answer is back (BBR's ProbeRTT).
 *
 * @author umami-spring-boot contributors
 */
final class UmamiConcurrencyLimit {

	/**
	 * Requests waiting at Umami below which the limit grows.
	 */
	static final double ALPHA = 1;

	/**
	 * Requests waiting at Umami above which the limit shrinks.
	 */
	static final double BETA = 2;

	/**
	 * Queueing delay that still counts as flat latency: next to Umami's own latency it
	 * costs nothing, while more requests in flight let client and server batch work.
	 */
	static final long FLAT_LATENCY = TimeUnit.MILLISECONDS.toNanos(5);

	/**
	 * Verdict of a request cancelled before it ended, which tells nothing of Umami.
	 */
	static final UmamiResult CANCELLED = new UmamiResult.Dropped("cancelled");

	private final int max;

	private final BooleanSupplier backlog;

	private final LongSupplier nanoTime;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition slotFree = this.lock.newCondition();

	private final UmamiNoLoadLatency noLoadLatency = new UmamiNoLoadLatency();

	private volatile double limit = 1;

	private int slots;

	private int requests;

	private volatile int events;

	private volatile boolean probing;

	private int generation;

	private long sequence;

	private long lastDecrease = -1;

	/**
	 * Create a limit.
	 * @param max the highest limit
	 * @param backlog whether events are waiting to be sent
	 * @param nanoTime the clock, {@link System#nanoTime()} but in tests
	 */
	UmamiConcurrencyLimit(int max, BooleanSupplier backlog, LongSupplier nanoTime) {
		this.max = max;
		this.backlog = backlog;
		this.nanoTime = nanoTime;
	}

	/**
	 * Wait for a slot: fewer deliveries in flight than the limit.
	 * @return the slot, to give back to {@link #release(int)}
	 * @throws InterruptedException if interrupted while waiting
	 */
	int acquire() throws InterruptedException {
		this.lock.lockInterruptibly();
		try {
			while (this.slots >= allowed()) {
				this.slotFree.await();
			}
			this.slots++;
			return this.generation;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Give back a slot. A delivery waiting for one is woken once a quarter of the limit
	 * is free rather than for each slot: a wake-up costs a context switch on both
	 * threads, and the deliveries then started in a row are written by the event loops in
	 * one go.
	 * @param slot the slot {@link #acquire()} returned
	 */
	void release(int slot) {
		this.lock.lock();
		try {
			if (slot == this.generation) {
				this.slots--;
				if (!isHeldBack()) {
					this.slotFree.signal();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Record that a request of a delivery is sent.
	 * @param size the number of events it carries
	 * @return the request, to give back to {@link #complete}
	 */
	Request start(int size) {
		this.lock.lock();
		try {
			Request request = new Request(this.generation, ++this.sequence, this.nanoTime.getAsLong(), size,
					this.requests++, this.events, new AtomicBoolean());
			this.events += size;
			return request;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Record the end of a request, and adapt the limit to what it tells.
	 * @param request the request
	 * @param verdict how it ended: the failure of the request, {@code null} when Umami
	 * took it, or {@link #CANCELLED}
	 */
	void complete(Request request, @Nullable UmamiResult verdict) {
		if (!request.done().compareAndSet(false, true)) {
			return;
		}
		long now = this.nanoTime.getAsLong();
		this.lock.lock();
		try {
			if (request.generation() != this.generation) {
				return;
			}
			this.requests--;
			this.events -= request.size();
			if (verdict instanceof UmamiResult.Dropped || verdict == UmamiDelivery.NO_ANSWER) {
				// Cancelled, or a transport that answered nothing: nothing learnt of
				// Umami
				return;
			}
			int allowed = allowed();
			if (UmamiRetryPolicy.isOverload(verdict)) {
				decrease(request);
			}
			else {
				sample(request, now - request.startNanos(), now);
			}
			if (allowed() > allowed) {
				// Only a grown limit frees a slot here; a finished delivery's slot is
				// released on its own
				this.slotFree.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void decrease(Request request) {
		this.probing = false;
		if (request.sequence() > this.lastDecrease) {
			this.limit = Math.max(1, this.limit / 2);
			this.lastDecrease = this.sequence;
		}
	}

	private void sample(Request request, long latency, long now) {
		boolean alone = request.requestsAhead() == 0;
		double noLoad = this.noLoadLatency.update(request.size(), latency, alone, now);
		if (alone) {
			this.probing = false;
		}
		if (noLoad < 0) {
			// Measure it again, alone
			this.probing = true;
			return;
		}
		double queued = (request.requestsAhead() + 1) * (1 - noLoad / Math.max(noLoad, latency - FLAT_LATENCY));
		if (queued > BETA) {
			this.limit = Math.max(1, this.limit - 1 / this.limit);
		}
		else if (queued < ALPHA && isHeldBack() && this.backlog.getAsBoolean()) {
			// The limit holds events back: more deliveries in flight would be used
			this.limit = Math.min(this.max, this.limit + 1 / this.limit);
		}
	}

	/**
	 * Whether the next delivery is held back: fewer slots are free than a wake-up lets
	 * through.
	 */
	private boolean isHeldBack() {
		int allowed = allowed();
		return allowed - this.slots < Math.max(1, allowed / 4);
	}

	/**
	 * Return the number of deliveries let through: the whole part of the limit, or one
	 * while the no-load latency is measured.
	 * @return the deliveries let through
	 */
	int allowed() {
		return this.probing ? 1 : (int) this.limit;
	}

	/**
	 * Return the number of events of the requests in flight.
	 * @return the events in flight
	 */
	int eventsInFlight() {
		return this.events;
	}

	/**
	 * Return the current limit, with its fraction: it grows and shrinks by fractions of
	 * one.
	 * @return the limit
	 */
	double limit() {
		return this.limit;
	}

	/**
	 * Forget the deliveries in flight, abandoned by a stop: the slots and requests given
	 * back afterwards are ignored.
	 */
	void reset() {
		this.lock.lock();
		try {
			this.generation++;
			this.slots = 0;
			this.requests = 0;
			this.events = 0;
			this.probing = false;
			this.slotFree.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A request in flight.
	 *
	 * @param generation the generation of the limit it was sent in
	 * @param sequence its number, in the order requests were sent
	 * @param startNanos when it was sent
	 * @param size the number of events it carries
	 * @param requestsAhead the number of requests in flight when it was sent
	 * @param eventsAhead the number of events of those requests: a server that writes in
	 * turn writes them first
	 * @param done whether it ended
	 */
	record Request(int generation, long sequence, long startNanos, int size, int requestsAhead, int eventsAhead,
			AtomicBoolean done) {

	}

}
