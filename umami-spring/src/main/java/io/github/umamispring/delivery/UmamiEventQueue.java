package io.github.umamispring.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * The bounded queue between
 * {@link DefaultUmamiTracker#track(io.github.umamispring.UmamiEvent)} and the thread that
 * sends: holds the events waiting to be sent, those being sent and those waiting to be
 * sent again, so that its capacity bounds the memory an Umami outage can cost. Offering
 * never blocks; one consumer takes events in order, alone or in batches. An event to send
 * again is due after its backoff and waits aside, so that the others keep flowing; while
 * Umami is out of reach the queue lets nothing through until the backoff is over.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventQueue {

	private static final Comparator<QueuedEvent> DUE_ORDER = Comparator
		.comparingLong((QueuedEvent entry) -> entry.dueNanos)
		.thenComparingLong((entry) -> entry.sequence);

	private final int capacity;

	private final boolean dropOldest;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final ArrayDeque<QueuedEvent> waiting;

	private final PriorityQueue<QueuedEvent> retrying = new PriorityQueue<>(DUE_ORDER);

	private final List<List<QueuedEvent>> inFlight = new ArrayList<>();

	private final UmamiFlushes flushes = new UmamiFlushes();

	private int held;

	private long nextSequence;

	/**
	 * How many waiting events wake the consumer: one, or a batch it waits to fill.
	 */
	private int wanted = 1;

	private long pausedUntil = System.nanoTime();

	private boolean closed;

	UmamiEventQueue(int capacity, boolean dropOldest) {
		Assert.isTrue(capacity > 0, "'capacity' must be positive");
		this.capacity = capacity;
		this.dropOldest = dropOldest;
		this.waiting = new ArrayDeque<>(Math.min(capacity, 1024));
	}

	/**
	 * Add an event unless the queue is full, in which case the overflow policy decides
	 * which event is dropped.
	 * @param entry the event
	 * @return the dropped event (the given one or the oldest waiting), or {@code null}
	 */
	@Nullable QueuedEvent offer(QueuedEvent entry) {
		List<UmamiFlushes.Waiter> done = null;
		QueuedEvent dropped = null;
		this.lock.lock();
		try {
			if (this.closed) {
				return entry;
			}
			if (this.held >= this.capacity) {
				if (!this.dropOldest || this.waiting.isEmpty()) {
					return entry;
				}
				dropped = this.waiting.pollFirst();
				this.held--;
				done = this.flushes.isEmpty() ? null : this.flushes.done(lowestHeld());
			}
			entry.sequence = this.nextSequence++;
			this.waiting.addLast(entry);
			this.held++;
			if (this.waiting.size() == this.wanted) {
				this.changed.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
		UmamiFlushes.complete(done);
		return dropped;
	}

	/**
	 * Wait for events and take up to {@code maxSize} of them, due retries first; with
	 * more than one, wait at most {@code maxWait} for a batch to fill.
	 * @param maxSize the most events to take
	 * @param maxWaitNanos the longest wait for a batch to fill
	 * @return the events, or an empty list once the queue is closed
	 * @throws InterruptedException if interrupted while waiting
	 */
	List<QueuedEvent> take(int maxSize, long maxWaitNanos) throws InterruptedException {
		this.lock.lockInterruptibly();
		try {
			long fillUntil = 0;
			while (!this.closed) {
				long now = System.nanoTime();
				long wait = this.pausedUntil - now;
				if (wait <= 0) {
					QueuedEvent retry = this.retrying.peek();
					wait = (retry != null) ? retry.dueNanos - now : Long.MAX_VALUE;
					if (wait <= 0 || this.waiting.size() >= maxSize || (!this.waiting.isEmpty()
							&& (maxSize == 1 || maxWaitNanos <= 0 || (fillUntil != 0 && now >= fillUntil)))) {
						return taken(maxSize, now);
					}
					if (!this.waiting.isEmpty()) {
						fillUntil = (fillUntil != 0) ? fillUntil : now + maxWaitNanos;
						wait = Math.min(wait, fillUntil - now);
						this.wanted = maxSize;
					}
				}
				if (wait == Long.MAX_VALUE) {
					this.changed.await();
				}
				else {
					this.changed.awaitNanos(wait);
				}
				this.wanted = 1;
			}
			return List.of();
		}
		finally {
			this.lock.unlock();
		}
	}

	private List<QueuedEvent> taken(int maxSize, long now) {
		List<QueuedEvent> taken = new ArrayList<>(Math.min(maxSize, this.held));
		while (taken.size() < maxSize && !this.retrying.isEmpty() && this.retrying.peek().dueNanos <= now) {
			taken.add(this.retrying.poll());
		}
		while (taken.size() < maxSize && !this.waiting.isEmpty()) {
			taken.add(this.waiting.pollFirst());
		}
		this.inFlight.add(taken);
		return taken;
	}

	/**
	 * Record that a delivery returned by {@link #take} is over: its events were delivered
	 * or given up, but for those to send again after their backoff.
	 * @param delivery the events, as taken
	 * @param again the events of the delivery to send again, their due time set
	 * @return {@code false} if the delivery had been abandoned already
	 */
	boolean done(List<QueuedEvent> delivery, List<QueuedEvent> again) {
		List<UmamiFlushes.Waiter> done;
		this.lock.lock();
		try {
			if (!this.inFlight.remove(delivery)) {
				return false;
			}
			this.held -= delivery.size() - again.size();
			this.retrying.addAll(again);
			done = this.flushes.isEmpty() ? null : this.flushes.done(lowestHeld());
			if (!again.isEmpty()) {
				this.changed.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
		UmamiFlushes.complete(done);
		return true;
	}

	/**
	 * Let nothing through for a while: Umami is out of reach.
	 * @param delayNanos how long
	 */
	void pause(long delayNanos) {
		locked(() -> {
			this.pausedUntil = System.nanoTime() + delayNanos;
			return null;
		});
	}

	/**
	 * Return a {@code Mono} that completes when every event offered so far is done.
	 * @return a {@code Mono} that never errors
	 */
	Mono<Void> flush() {
		return locked(() -> this.flushes.add(this.nextSequence - 1, lowestHeld()));
	}

	/**
	 * Give up on every event held, waiting, in flight or to send again, and refuse new
	 * ones.
	 * @return the events given up
	 */
	List<QueuedEvent> close() {
		List<QueuedEvent> abandoned = new ArrayList<>();
		List<UmamiFlushes.Waiter> done;
		this.lock.lock();
		try {
			this.closed = true;
			this.inFlight.forEach(abandoned::addAll);
			abandoned.addAll(this.retrying);
			abandoned.addAll(this.waiting);
			abandoned.sort(Comparator.comparingLong((entry) -> entry.sequence));
			this.inFlight.clear();
			this.retrying.clear();
			this.waiting.clear();
			this.held = 0;
			done = this.flushes.done(Long.MAX_VALUE);
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		UmamiFlushes.complete(done);
		return abandoned;
	}

	void reopen() {
		locked(() -> {
			this.closed = false;
			this.pausedUntil = System.nanoTime();
			return null;
		});
	}

	/**
	 * Return the number of events held: waiting to be sent, being sent or waiting to be
	 * sent again.
	 * @return the number of events held
	 */
	int size() {
		return locked(() -> this.held);
	}

	/**
	 * Whether events wait to be sent, for the limit of deliveries in flight, which grows
	 * only while it holds events back.
	 * @return whether events wait
	 */
	boolean hasWaiting() {
		return locked(() -> !this.waiting.isEmpty() || !this.retrying.isEmpty());
	}

	private <T> T locked(Supplier<T> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	private long lowestHeld() {
		QueuedEvent first = this.waiting.peekFirst();
		long lowest = (first != null) ? first.sequence : Long.MAX_VALUE;
		for (List<QueuedEvent> delivery : this.inFlight) {
			for (QueuedEvent entry : delivery) {
				lowest = Math.min(lowest, entry.sequence);
			}
		}
		for (QueuedEvent entry : this.retrying) {
			lowest = Math.min(lowest, entry.sequence);
		}
		return lowest;
	}

}
