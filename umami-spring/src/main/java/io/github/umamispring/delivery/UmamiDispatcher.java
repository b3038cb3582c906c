package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * that drains it with as many deliveries in flight as the adaptive limit allows, and what
 * becomes of each delivery's answer: reported, or back in the queue to be sent again
 * after its backoff, holding no place in the limit meanwhile. Started with the tracker,
 * drained within the shutdown timeout when it stops. While the limit is reached, waiting
 * events fill the next batch.
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

	private final UmamiRetryPolicy retryPolicy;

	private final DeliveryReporter reporter;

	private final UmamiDeliveryOptions options;

	private final UmamiEventQueue queue;

	private final UmamiConcurrencyLimit limit;

	private volatile Disposable.Composite inFlight = Disposables.composite();

	/**
	 * Connection failures in a row: the backoff of an outage, which holds back every
	 * event.
	 */
	private final UmamiRetryPolicy.Attempts outage = new UmamiRetryPolicy.Attempts();

	private final Object lifecycleMonitor = new Object();

	private volatile boolean stopped;

	private volatile @Nullable Thread sender;

	UmamiDispatcher(UmamiDelivery delivery, UmamiRetryPolicy retryPolicy, DeliveryReporter reporter,
			UmamiDeliveryOptions options, UmamiEventQueue queue, UmamiConcurrencyLimit limit) {
		this.delivery = delivery;
		this.retryPolicy = retryPolicy;
		this.reporter = reporter;
		this.options = options;
		this.queue = queue;
		this.limit = limit;
	}

	int queueSize() {
		return this.queue.size();
	}

	boolean isRunning() {
		return this.sender != null && !this.stopped;
	}

	boolean isSending() {
		Thread thread = this.sender;
		return thread != null && thread.isAlive() && !this.stopped;
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
		startSenderIfDead();
	}

	Mono<Void> flush() {
		startSenderIfDead();
		return this.queue.flush();
	}

	private void startSenderIfDead() {
		Thread thread = this.sender;
		if (thread == null || !thread.isAlive()) {
			startSender();
		}
	}

	/**
	 * Start the sender thread, or start again after a stop.
	 */
	void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.stopped) {
				this.limit.reset();
				this.queue.reopen();
				this.inFlight = Disposables.composite();
				this.stopped = false;
			}
		}
		startSender();
	}

	/**
	 * Start the sender thread unless it runs: the first time, or again if it died. It
	 * inherits nothing of the thread that starts it (no inheritable thread-locals such as
	 * a security context, the starter's own class loader), since it lives as long as the
	 * tracker.
	 */
	private void startSender() {
		synchronized (this.lifecycleMonitor) {
			Thread previous = this.sender;
			if (!this.stopped && (previous == null || !previous.isAlive())) {
				if (previous != null) {
					logger.warn("Umami's sender thread had stopped; started it again");
				}
				Thread thread = new Thread(null, this::sendQueued, "umami-sender", 0, false);
				thread.setDaemon(true);
				thread.setContextClassLoader(UmamiDispatcher.class.getClassLoader());
				this.sender = thread;
				thread.start();
			}
		}
	}

	private void sendQueued() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				if (!sendNext()) {
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Throwable ex) {
				// What sends must not stop: a failure here is a bug of ours or of the
				// transport, for one delivery
				this.reporter.problemLog()
					.warn("sender:" + ex.getClass().getName(), () -> "Umami's sender thread failed; it goes on", ex);
			}
		}
	}

	/**
	 * Take a slot, then the events of the next delivery, and start it.
	 * @return {@code false} once the queue is closed
	 */
	private boolean sendNext() throws InterruptedException {
		// A slot first: while the limit is reached, waiting events fill the batch
		int slot = this.limit.acquire();
		boolean batch = this.delivery.canBatch();
		List<QueuedEvent> taken;
		try {
			taken = this.queue.take(batch ? this.options.batchMaxSize() : 1,
					batch ? this.options.batchMaxWait().toNanos() : 0);
		}
		catch (InterruptedException | RuntimeException | Error ex) {
			this.limit.release(slot);
			throw ex;
		}
		if (taken.isEmpty()) {
			this.limit.release(slot);
			return false;
		}
		UmamiConcurrencyLimit.Request request = this.limit.start(taken.size());
		List<UmamiEvent> events = new ArrayList<>(taken.size());
		taken.forEach((entry) -> events.add(this.delivery.timestamped(entry)));
		// One event goes to /api/send: its own headers carry its visitor's User-Agent
		boolean toBatch = batch && taken.size() > 1;
		Disposable.Swap subscription = Disposables.swap();
		this.inFlight.add(subscription);
		try {
			subscription.update(this.delivery.exchange(events, toBatch, request.eventsAhead())
				.subscribe((results) -> finish(taken, results, toBatch, request, slot, subscription),
						(ex) -> finish(taken, failed(ex), toBatch, request, slot, subscription)));
		}
		catch (Throwable ex) {
			// A transport that throws instead of answering (an Error Reactor passes on)
			finish(taken, failed(ex), toBatch, request, slot, subscription);
			throw ex;
		}
		return true;
	}

	private static List<UmamiResult> failed(Throwable ex) {
		return List.of(new UmamiResult.Failed(ex));
	}

	/**
	 * What becomes of a delivery: each event is reported with its result, or goes back to
	 * the queue to be sent again after its backoff, as {@link UmamiRetryPolicy} rules.
	 */
	private void finish(List<QueuedEvent> taken, List<UmamiResult> results, boolean batch,
			UmamiConcurrencyLimit.Request request, int slot, Disposable subscription) {
		this.inFlight.remove(subscription);
		UmamiResult first = results.get(0);
		List<QueuedEvent> again = new ArrayList<>();
		try {
			this.limit.complete(request, (first instanceof UmamiResult.Failed) ? first : null);
			if (batch && UmamiDelivery.isBatchUnsupported(first)) {
				// Nothing was sent: one by one from now on
				again.addAll(taken);
			}
			else if (first instanceof UmamiResult.Failed failed && UmamiRetryPolicy.isConnectFailure(failed.cause())) {
				Duration backoff = this.retryPolicy.nextDelay(first, this.outage);
				this.queue.pause(backoff.toNanos());
				again.addAll(taken);
			}
			else {
				this.outage.reset();
				long due = 0;
				for (int i = 0; i < taken.size(); i++) {
					QueuedEvent entry = taken.get(i);
					UmamiResult result = (i < results.size()) ? results.get(i) : first;
					Duration delay = this.retryPolicy.nextDelay(result, entry.attempts);
					if (delay != null) {
						// Sent again together, as they were sent: a batch is retried as a
						// whole
						due = (due != 0) ? due : System.nanoTime() + delay.toNanos();
						entry.dueNanos = due;
						again.add(entry);
						debugRetry(result, delay);
					}
					else {
						this.reporter.report(entry.event(), result, false);
					}
				}
			}
		}
		finally {
			this.queue.done(taken, again);
			this.limit.release(slot);
		}
	}

	private void debugRetry(UmamiResult result, Duration delay) {
		if (logger.isDebugEnabled()) {
			logger.debug(LogMessage.format("Umami answered %s; sending again in %d ms", result, delay.toMillis()));
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
			this.inFlight.dispose();
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
