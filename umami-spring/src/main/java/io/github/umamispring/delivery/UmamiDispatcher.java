package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import org.springframework.core.log.LogMessage;

/**
 * Owns the queue behind {@link DefaultUmamiTracker#track(UmamiEvent)}, the sender thread
 * that drains it with as many deliveries in flight as the adaptive limit allows, and
 * their lifecycle: started with the tracker, drained within the shutdown timeout when it
 * stops. While the limit is reached, waiting events fill the next batch.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiDispatcher {

	private static final Log logger = LogFactory.getLog(DefaultUmamiTracker.class);

	static final UmamiResult.Dropped QUEUE_FULL = new UmamiResult.Dropped("the Umami queue is full");

	static final UmamiResult.Dropped STOPPED = new UmamiResult.Dropped("the Umami tracker is stopped");

	private static final UmamiResult.Dropped ABANDONED = new UmamiResult.Dropped(
			"not delivered within the shutdown timeout");

	private final UmamiDelivery delivery;

	private final DeliveryReporter reporter;

	private final UmamiDeliveryOptions options;

	private final UmamiEventQueue queue;

	private final UmamiConcurrencyLimit limit;

	private final Map<QueuedEvent, Disposable> inFlight = new ConcurrentHashMap<>();

	/**
	 * Events taken from the queue by the deliveries in flight.
	 */
	private final AtomicInteger delivering = new AtomicInteger();

	private final Object lifecycleMonitor = new Object();

	private volatile boolean stopped;

	private volatile @Nullable Thread sender;

	UmamiDispatcher(UmamiDelivery delivery, DeliveryReporter reporter, UmamiDeliveryOptions options,
			UmamiConcurrencyLimit limit) {
		this.delivery = delivery;
		this.reporter = reporter;
		this.options = options;
		this.limit = limit;
		this.queue = new UmamiEventQueue(options.queueCapacity(), options.dropOldest());
	}

	int queueSize() {
		return this.queue.size();
	}

	/**
	 * Whether events wait to be sent, beyond those the deliveries in flight took.
	 */
	boolean hasBacklog() {
		return this.queue.size() > this.delivering.get();
	}

	boolean isStopped() {
		return this.stopped;
	}

	boolean isSending() {
		return this.sender != null && !this.stopped;
	}

	void offer(UmamiEvent event) {
		if (this.stopped) {
			this.reporter.report(event, STOPPED, true);
			return;
		}
		QueuedEvent dropped = this.queue.offer(new QueuedEvent(event, this.delivery.clock().millis()));
		if (dropped != null) {
			this.reporter.report(dropped.event(), this.stopped ? STOPPED : QUEUE_FULL, true);
		}
		if (this.sender == null) {
			startSender();
		}
	}

	Mono<Void> flush() {
		return this.queue.flush();
	}

	/**
	 * Start the sender thread, or start again after a stop.
	 */
	void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.stopped) {
				this.limit.reset();
				this.delivering.set(0);
				this.queue.reopen();
				this.stopped = false;
			}
		}
		startSender();
	}

	/**
	 * Start the sender thread unless it runs. It inherits nothing of the thread that
	 * starts it (no inheritable thread-locals such as a security context, the starter's
	 * own class loader), since it lives as long as the tracker.
	 */
	private void startSender() {
		synchronized (this.lifecycleMonitor) {
			if (this.sender == null && !this.stopped) {
				Thread thread = new Thread(null, this::sendQueued, "umami-sender", 0, false);
				thread.setDaemon(true);
				thread.setContextClassLoader(UmamiDispatcher.class.getClassLoader());
				this.sender = thread;
				thread.start();
			}
		}
	}

	private void sendQueued() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				// A slot first: while the limit is reached, waiting events fill the batch
				int slot = this.limit.acquire();
				int batchSize = this.delivery.canBatch() && this.options.batchEnabled() ? this.options.batchMaxSize()
						: 1;
				List<QueuedEvent> taken = this.queue.take(batchSize, this.options.batchMaxWait().toNanos());
				if (taken.isEmpty()) {
					return;
				}
				deliver(taken, slot);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Throwable ex) {
			logger.error("Umami's sender thread failed; tracked events are no longer sent", ex);
		}
	}

	private void deliver(List<QueuedEvent> taken, int slot) {
		this.delivering.addAndGet(taken.size());
		QueuedEvent first = taken.get(0);
		if (taken.size() == 1) {
			UmamiSingleDelivery single = this.delivery.single(first, (result) -> finish(taken, List.of(result), slot));
			// Known before it starts: a transport that answers at once finishes it inside
			this.inFlight.put(first, single);
			single.start();
			return;
		}
		Disposable.Swap subscription = Disposables.swap();
		this.inFlight.put(first, subscription);
		AtomicBoolean finished = new AtomicBoolean();
		subscription.update(this.delivery.deliver(taken).subscribe((results) -> {
			if (finished.compareAndSet(false, true)) {
				finish(taken, results, slot);
			}
		}, (ex) -> {
			if (finished.compareAndSet(false, true)) {
				finish(taken, Collections.nCopies(taken.size(), new UmamiResult.Failed(ex)), slot);
			}
		}));
	}

	private void finish(List<QueuedEvent> taken, List<UmamiResult> results, int slot) {
		this.inFlight.remove(taken.get(0));
		try {
			for (int i = 0; i < taken.size(); i++) {
				this.reporter.report(taken.get(i).event(), results.get(i), false);
			}
		}
		finally {
			if (this.queue.done(taken)) {
				this.delivering.addAndGet(-taken.size());
			}
			this.limit.release(slot);
		}
	}

	/**
	 * Deliver what is queued within the shutdown timeout, then give up on the rest and
	 * stop the sender thread.
	 */
	Mono<Void> drainAndStop() {
		Duration timeout = this.options.shutdownTimeout();
		return this.queue.flush()
			.timeout(timeout, Mono.empty())
			.onErrorResume((ex) -> Mono.empty())
			.then(Mono.fromRunnable(() -> close(timeout)));
	}

	private void close(Duration timeout) {
		List<QueuedEvent> abandoned;
		synchronized (this.lifecycleMonitor) {
			this.stopped = true;
			abandoned = this.queue.close();
			this.inFlight.values().forEach(Disposable::dispose);
			this.inFlight.clear();
			Thread thread = this.sender;
			this.sender = null;
			if (thread != null) {
				thread.interrupt();
			}
		}
		abandoned.forEach((entry) -> this.reporter.report(entry.event(), ABANDONED, false));
		if (!abandoned.isEmpty()) {
			logger.warn(LogMessage.format(
					"Abandoned %d Umami event(s) that could not be delivered within the"
							+ " shutdown timeout of %s ('umami.delivery.shutdown-timeout')",
					abandoned.size(), timeout));
		}
	}

}
