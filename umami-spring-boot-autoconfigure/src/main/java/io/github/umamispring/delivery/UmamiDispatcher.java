package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * that drains it with a bounded number of requests in flight, and their lifecycle:
 * started with the tracker, drained within the shutdown timeout when it stops.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiDispatcher {

	/**
	 * Requests to Umami in flight at once.
	 */
	static final int MAX_IN_FLIGHT = 16;

	private static final Log logger = LogFactory.getLog(DefaultUmamiTracker.class);

	static final UmamiResult.Dropped QUEUE_FULL = new UmamiResult.Dropped("the Umami queue is full");

	static final UmamiResult.Dropped STOPPED = new UmamiResult.Dropped("the Umami tracker is stopped");

	private static final UmamiResult.Dropped ABANDONED = new UmamiResult.Dropped(
			"not delivered within the shutdown timeout");

	private final UmamiDelivery delivery;

	private final DeliveryReporter reporter;

	private final UmamiDeliveryOptions options;

	private final UmamiEventQueue queue;

	private final Map<QueuedEvent, Disposable> inFlight = new ConcurrentHashMap<>();

	private final Object lifecycleMonitor = new Object();

	private volatile boolean stopped;

	private volatile @Nullable Thread sender;

	private volatile Semaphore permits = new Semaphore(MAX_IN_FLIGHT);

	UmamiDispatcher(UmamiDelivery delivery, DeliveryReporter reporter, UmamiDeliveryOptions options) {
		this.delivery = delivery;
		this.reporter = reporter;
		this.options = options;
		this.queue = new UmamiEventQueue(options.queueCapacity(), options.dropOldest());
	}

	int queueSize() {
		return this.queue.size();
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
				this.permits = new Semaphore(MAX_IN_FLIGHT);
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
		Semaphore permits = this.permits;
		try {
			while (!Thread.currentThread().isInterrupted()) {
				permits.acquire();
				int batchSize = this.delivery.canBatch() && this.options.batchEnabled() ? this.options.batchMaxSize()
						: 1;
				List<QueuedEvent> taken = this.queue.take(batchSize, this.options.batchMaxWait().toNanos());
				if (taken.isEmpty()) {
					return;
				}
				deliver(taken, permits);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Throwable ex) {
			logger.error("Umami's sender thread failed; tracked events are no longer sent", ex);
		}
	}

	private void deliver(List<QueuedEvent> taken, Semaphore permits) {
		QueuedEvent first = taken.get(0);
		Disposable.Swap subscription = Disposables.swap();
		this.inFlight.put(first, subscription);
		AtomicBoolean finished = new AtomicBoolean();
		subscription.update(this.delivery.deliver(taken).subscribe((results) -> {
			if (finished.compareAndSet(false, true)) {
				finish(taken, results, permits);
			}
		}, (ex) -> {
			if (finished.compareAndSet(false, true)) {
				finish(taken, Collections.nCopies(taken.size(), new UmamiResult.Failed(ex)), permits);
			}
		}));
	}

	private void finish(List<QueuedEvent> taken, List<UmamiResult> results, Semaphore permits) {
		this.inFlight.remove(taken.get(0));
		try {
			for (int i = 0; i < taken.size(); i++) {
				this.reporter.report(taken.get(i).event(), results.get(i), false);
			}
		}
		finally {
			this.queue.done(taken);
			permits.release();
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
			logger.warn(LogMessage.format("Abandoned %d Umami event(s) that could not be delivered within the"
					+ " shutdown timeout of %s ('umami.shutdown-timeout')", abandoned.size(), timeout));
		}
	}

}
