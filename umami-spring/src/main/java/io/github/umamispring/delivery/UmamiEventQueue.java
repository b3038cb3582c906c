package io.github.umamispring.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.util.Assert;

/**
 * The bounded queue between
 * {@link DefaultUmamiTracker#track(io.github.umamispring.UmamiEvent)} and the thread that
 * sends: holds the events waiting to be sent and those being sent, so that its capacity
 * bounds the memory an Umami outage can cost. Offering never blocks; one consumer takes
 * events in order, alone or in batches.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventQueue {

	private final int capacity;

	private final boolean dropOldest;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition notEmpty = this.lock.newCondition();

	private final Condition batchFull = this.lock.newCondition();

	private final ArrayDeque<QueuedEvent> waiting;

	/**
	 * Deliveries in flight, in the order they were taken, so the first holds the lowest
	 * sequence number: each is a run of consecutive events. A list searched from the
	 * front, not a map: it holds at most the limit of deliveries in flight, they mostly
	 * end in the order they were taken, and a tree's nodes cost a cache miss each on the
	 * event loop that ends a delivery.
	 */
	private final List<List<QueuedEvent>> inFlight = new ArrayList<>();

	private final List<FlushWaiter> flushWaiters = new ArrayList<>();

	private int held;

	private long nextSequence;

	private int batchSize = 1;

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
		List<FlushWaiter> done = null;
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
				done = completedFlushes();
			}
			entry.sequence = this.nextSequence++;
			this.waiting.addLast(entry);
			this.held++;
			int size = this.waiting.size();
			if (size == 1) {
				this.notEmpty.signal();
			}
			else if (size == this.batchSize) {
				this.batchFull.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
		complete(done);
		return dropped;
	}

	/**
	 * Wait for events and take up to {@code maxSize} of them; with more than one, wait at
	 * most {@code maxWait} for a batch to fill.
	 * @param maxSize the most events to take
	 * @param maxWaitNanos the longest wait for a batch to fill
	 * @return the events, in order, or an empty list once the queue is closed
	 * @throws InterruptedException if interrupted while waiting
	 */
	List<QueuedEvent> take(int maxSize, long maxWaitNanos) throws InterruptedException {
		this.lock.lockInterruptibly();
		try {
			while (this.waiting.isEmpty() && !this.closed) {
				this.notEmpty.await();
			}
			if (this.closed) {
				return List.of();
			}
			if (maxSize > 1 && this.waiting.size() < maxSize && maxWaitNanos > 0) {
				this.batchSize = maxSize;
				long remaining = maxWaitNanos;
				while (this.waiting.size() < maxSize && remaining > 0 && !this.closed) {
					remaining = this.batchFull.awaitNanos(remaining);
				}
				this.batchSize = 1;
				if (this.closed) {
					// Dropping for newer events never empties the queue; closing does
					return List.of();
				}
			}
			int count = Math.min(maxSize, this.waiting.size());
			List<QueuedEvent> taken = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				taken.add(this.waiting.pollFirst());
			}
			this.inFlight.add(taken);
			return taken;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Record that a delivery returned by {@link #take} is over: its events were delivered
	 * or given up.
	 * @param delivery the events, as taken
	 * @return {@code false} if the delivery had been abandoned already
	 */
	boolean done(List<QueuedEvent> delivery) {
		List<FlushWaiter> done;
		this.lock.lock();
		try {
			int index = indexInFlight(delivery);
			if (index < 0) {
				return false;
			}
			this.inFlight.remove(index);
			this.held -= delivery.size();
			done = completedFlushes();
		}
		finally {
			this.lock.unlock();
		}
		complete(done);
		return true;
	}

	/**
	 * Return a {@code Mono} that completes when every event offered so far is done.
	 * @return a {@code Mono} that never errors
	 */
	Mono<Void> flush() {
		this.lock.lock();
		try {
			long last = this.nextSequence - 1;
			if (isDone(last)) {
				return Mono.empty();
			}
			FlushWaiter waiter = new FlushWaiter(last, Sinks.empty());
			this.flushWaiters.add(waiter);
			return waiter.sink().asMono();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Give up on every event held, waiting or in flight, and refuse new ones.
	 * @return the events given up
	 */
	List<QueuedEvent> close() {
		List<QueuedEvent> abandoned = new ArrayList<>();
		List<FlushWaiter> done;
		this.lock.lock();
		try {
			this.closed = true;
			for (List<QueuedEvent> delivery : this.inFlight) {
				abandoned.addAll(delivery);
			}
			abandoned.addAll(this.waiting);
			this.inFlight.clear();
			this.waiting.clear();
			this.held = 0;
			done = new ArrayList<>(this.flushWaiters);
			this.flushWaiters.clear();
			this.notEmpty.signalAll();
			this.batchFull.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		complete(done);
		return abandoned;
	}

	/**
	 * Accept events again after {@link #close()}.
	 */
	void reopen() {
		this.lock.lock();
		try {
			this.closed = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the number of events held: waiting to be sent or being sent.
	 * @return the number of events held
	 */
	int size() {
		this.lock.lock();
		try {
			return this.held;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean isDone(long sequence) {
		QueuedEvent first = this.waiting.peekFirst();
		long lowest = (first != null) ? first.sequence : Long.MAX_VALUE;
		if (!this.inFlight.isEmpty()) {
			lowest = Math.min(lowest, this.inFlight.get(0).get(0).sequence);
		}
		return lowest > sequence;
	}

	private int indexInFlight(List<QueuedEvent> delivery) {
		for (int i = 0; i < this.inFlight.size(); i++) {
			if (this.inFlight.get(i) == delivery) {
				return i;
			}
		}
		return -1;
	}

	private @Nullable List<FlushWaiter> completedFlushes() {
		List<FlushWaiter> done = null;
		for (Iterator<FlushWaiter> iterator = this.flushWaiters.iterator(); iterator.hasNext();) {
			FlushWaiter waiter = iterator.next();
			if (isDone(waiter.lastSequence())) {
				iterator.remove();
				done = (done != null) ? done : new ArrayList<>();
				done.add(waiter);
			}
		}
		return done;
	}

	private static void complete(@Nullable List<FlushWaiter> waiters) {
		if (waiters != null) {
			// Each waiter is taken out of the list under the lock, so it is completed
			// once
			waiters.forEach((waiter) -> waiter.sink().tryEmitEmpty());
		}
	}

	private record FlushWaiter(long lastSequence, Sinks.Empty<Void> sink) {

	}

}
