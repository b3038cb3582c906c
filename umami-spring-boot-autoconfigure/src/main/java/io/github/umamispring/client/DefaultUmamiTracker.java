package io.github.umamispring.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * The auto-configured {@link UmamiTracker}: fills in the configured defaults, writes the
 * request and hands it to a {@link UmamiTransport}.
 * <p>
 * {@link #submit} puts the event in a bounded queue and returns at once; a background
 * thread sends what is queued, in batches when enabled, retries where Umami cannot have
 * stored the event, and keeps events queued while Umami is unreachable. As a
 * {@link SmartLifecycle} it stops after the web server's graceful shutdown, delivering
 * what is queued within the shutdown timeout.
 *
 * @author umami-spring-boot contributors
 */
public class DefaultUmamiTracker implements UmamiTracker, SmartLifecycle, DisposableBean {

	/**
	 * Lifecycle phase: stops after the web server's graceful shutdown (phase
	 * {@code Integer.MAX_VALUE - 1024}), so that the requests it lets finish are still
	 * tracked, and before the web server and Reactor's resources stop.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	/**
	 * Requests to Umami in flight at once.
	 */
	static final int MAX_IN_FLIGHT = 16;

	/**
	 * Age past which an event is sent with the time it happened.
	 */
	private static final long LATE_MILLIS = Duration.ofMinutes(1).toMillis();

	private static final Log logger = LogFactory.getLog(DefaultUmamiTracker.class);

	private static final UmamiResult.Dropped QUEUE_FULL = new UmamiResult.Dropped("the Umami queue is full");

	private static final UmamiResult.Dropped STOPPED = new UmamiResult.Dropped("the Umami tracker is stopped");

	private static final UmamiResult.Dropped ABANDONED = new UmamiResult.Dropped(
			"not delivered within the shutdown timeout");

	private static final UmamiResult.Failed NO_ANSWER = new UmamiResult.Failed(
			new IllegalStateException("The Umami transport completed without an answer"));

	private final UmamiRequestFactory requestFactory;

	private final UmamiTransport transport;

	private final UmamiCacheTokens cacheTokens;

	private final UmamiDeliveryOptions options;

	private final UmamiRetryPolicy retryPolicy;

	private final UmamiEventQueue queue;

	private final RepeatedProblemLog problemLog = new RepeatedProblemLog(logger);

	private final List<UmamiDeliveryListener> listeners = new CopyOnWriteArrayList<>();

	private final Map<UmamiEventQueue.Entry, Disposable> inFlight = new ConcurrentHashMap<>();

	private final Object lifecycleMonitor = new Object();

	private volatile Clock clock = Clock.systemUTC();

	private final AtomicBoolean batchSupported = new AtomicBoolean(true);

	private volatile boolean stopped;

	private volatile @Nullable Thread sender;

	private volatile Semaphore permits = new Semaphore(MAX_IN_FLIGHT);

	public DefaultUmamiTracker(UmamiRequestFactory requestFactory, UmamiTransport transport,
			UmamiCacheTokens cacheTokens) {
		this(requestFactory, transport, cacheTokens, UmamiDeliveryOptions.defaults());
	}

	public DefaultUmamiTracker(UmamiRequestFactory requestFactory, UmamiTransport transport,
			UmamiCacheTokens cacheTokens, UmamiDeliveryOptions options) {
		Assert.notNull(requestFactory, "'requestFactory' must not be null");
		Assert.notNull(transport, "'transport' must not be null");
		Assert.notNull(cacheTokens, "'cacheTokens' must not be null");
		Assert.notNull(options, "'options' must not be null");
		this.requestFactory = requestFactory;
		this.transport = transport;
		this.cacheTokens = cacheTokens;
		this.options = options;
		this.retryPolicy = new UmamiRetryPolicy(options.maxAttempts(), options.initialBackoff(), options.maxBackoff());
		this.queue = new UmamiEventQueue(options.queueCapacity(), options.dropOldest());
	}

	/**
	 * Add a listener told about every result and request, such as a metrics binder.
	 * @param listener the listener
	 */
	public void addListener(UmamiDeliveryListener listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.listeners.add(listener);
	}

	/**
	 * Return the number of submitted events held: waiting to be sent or being sent.
	 * @return the queue size
	 */
	public int getQueueSize() {
		return this.queue.size();
	}

	/**
	 * Return the transport that sends the requests.
	 * @return the transport
	 */
	public UmamiTransport getTransport() {
		return this.transport;
	}

	void setClock(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Mono<UmamiResult> track(UmamiEvent event) {
		Assert.notNull(event, "'event' must not be null");
		// One attempt: the caller waits for the verdict and decides; the queue behind
		// submit is what retries and waits out outages
		return Mono.defer(() -> send(event))
			.onErrorResume((ex) -> Mono.just(new UmamiResult.Failed(ex)))
			.defaultIfEmpty(NO_ANSWER)
			.doOnNext((result) -> notifyResult(event, result));
	}

	@Override
	public void submit(@Nullable UmamiEvent event) {
		if (event == null) {
			this.problemLog.warn("null-event", "Ignored a null Umami event");
			return;
		}
		try {
			if (this.stopped) {
				report(event, STOPPED);
				return;
			}
			UmamiEventQueue.Entry dropped = this.queue.offer(new UmamiEventQueue.Entry(event, this.clock.millis()));
			if (dropped != null) {
				report(dropped.event(), this.stopped ? STOPPED : QUEUE_FULL);
			}
			if (this.sender == null) {
				startSender();
			}
		}
		catch (RuntimeException ex) {
			this.problemLog.warn(ex.getClass().getName(), () -> "Umami event " + event + " could not be queued", ex);
		}
	}

	@Override
	public Mono<Void> flush() {
		return this.queue.flush();
	}

	private Mono<UmamiResult> send(UmamiEvent event) {
		String website = this.requestFactory.websiteFor(event);
		// The token goes to the request, not into a rebuilt (and so revalidated) event
		String cacheToken = (event.getCacheToken() != null) ? event.getCacheToken()
				: this.cacheTokens.get(website, event);
		UmamiRequest request = this.requestFactory.createRequest(event, cacheToken);
		long start = System.nanoTime();
		return this.transport.send(request).doOnNext((result) -> {
			notifyRequest("send", result.outcome(), start);
			if (result instanceof UmamiResult.Accepted accepted && accepted.cacheToken() != null) {
				this.cacheTokens.put(website, event, accepted.cacheToken());
			}
		});
	}

	private Mono<UmamiBatchResponse> sendBatch(List<UmamiEvent> events) {
		UmamiEvent first = events.get(0);
		String website = this.requestFactory.websiteFor(first);
		boolean oneVisitor = true;
		String token = null;
		for (UmamiEvent event : events) {
			oneVisitor = oneVisitor
					&& this.cacheTokens.isSameVisitor(website, first, this.requestFactory.websiteFor(event), event);
			token = (token != null) ? token : event.getCacheToken();
		}
		// A batch shares its headers: a token in a batch of several visitors would merge
		// them into one session
		String cacheToken = !oneVisitor ? null : (token != null) ? token : this.cacheTokens.get(website, first);
		boolean rememberToken = oneVisitor;
		UmamiRequest request = this.requestFactory.createBatchRequest(events, cacheToken);
		long start = System.nanoTime();
		return this.transport.sendBatch(request, events.size()).doOnNext((response) -> {
			notifyRequest("batch", (response.failure() != null) ? response.failure().outcome() : "accepted", start);
			if (rememberToken && response.failure() == null && response.cacheToken() != null) {
				this.cacheTokens.put(website, first, response.cacheToken());
			}
		});
	}

	private <T> Mono<T> retrying(Supplier<Mono<T>> attempt, Function<T, @Nullable UmamiResult> verdict,
			UmamiRetryPolicy.Attempts attempts) {
		return Mono.defer(attempt).flatMap((value) -> {
			UmamiResult result = verdict.apply(value);
			Duration delay = (result != null) ? this.retryPolicy.nextDelay(result, attempts) : null;
			if (delay == null) {
				return Mono.just(value);
			}
			if (logger.isDebugEnabled()) {
				logger.debug(LogMessage.format("Umami answered %s; trying again in %d ms", result, delay.toMillis()));
			}
			return Mono.delay(delay).then(retrying(attempt, verdict, attempts));
		});
	}

	private void startSender() {
		synchronized (this.lifecycleMonitor) {
			if (this.sender == null && !this.stopped) {
				Thread thread = new Thread(this::sendQueued, "umami-sender");
				thread.setDaemon(true);
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
				List<UmamiEventQueue.Entry> delivery = this.queue.take(batchSize(),
						this.options.batchMaxWait().toNanos());
				if (delivery.isEmpty()) {
					return;
				}
				deliver(delivery, permits);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Throwable ex) {
			logger.error("Umami's sender thread failed; submitted events are no longer sent", ex);
		}
	}

	private int batchSize() {
		return (this.options.batchEnabled() && this.batchSupported.get() && this.transport.supportsBatch())
				? this.options.batchMaxSize() : 1;
	}

	private void deliver(List<UmamiEventQueue.Entry> delivery, Semaphore permits) {
		UmamiEventQueue.Entry first = delivery.get(0);
		Disposable.Swap subscription = Disposables.swap();
		this.inFlight.put(first, subscription);
		AtomicBoolean finished = new AtomicBoolean();
		Mono<List<UmamiResult>> results = Mono
			.defer(() -> (delivery.size() == 1) ? deliverOne(first).map(List::of) : deliverBatch(delivery))
			.switchIfEmpty(Mono.fromSupplier(() -> Collections.nCopies(delivery.size(), NO_ANSWER)))
			.onErrorResume((ex) -> Mono.just(Collections.nCopies(delivery.size(), new UmamiResult.Failed(ex))));
		subscription.update(results.subscribe((list) -> {
			if (finished.compareAndSet(false, true)) {
				finish(delivery, list, permits);
			}
		}, (ex) -> {
			if (finished.compareAndSet(false, true)) {
				finish(delivery, Collections.nCopies(delivery.size(), new UmamiResult.Failed(ex)), permits);
			}
		}));
	}

	private Mono<UmamiResult> deliverOne(UmamiEventQueue.Entry entry) {
		return retrying(() -> send(timestamped(entry)), Function.identity(), new UmamiRetryPolicy.Attempts());
	}

	private Mono<List<UmamiResult>> deliverBatch(List<UmamiEventQueue.Entry> delivery) {
		if (!this.batchSupported.get()) {
			return deliverEach(delivery);
		}
		return retrying(() -> sendBatch(timestamped(delivery)), UmamiBatchResponse::failure,
				new UmamiRetryPolicy.Attempts())
			.flatMap((response) -> {
				if (response.isUnsupported()) {
					fallBackToSend(response);
					return deliverEach(delivery);
				}
				UmamiResult failure = response.failure();
				if (failure == null && response.results().size() != delivery.size()) {
					failure = new UmamiResult.Failed(new IllegalStateException("The Umami transport answered "
							+ response.results().size() + " results for a batch of " + delivery.size() + " events"));
				}
				return Mono
					.just((failure != null) ? Collections.nCopies(delivery.size(), failure) : response.results());
			});
	}

	private Mono<List<UmamiResult>> deliverEach(List<UmamiEventQueue.Entry> delivery) {
		return Flux.fromIterable(delivery).concatMap(this::deliverOne).collectList();
	}

	private void fallBackToSend(UmamiBatchResponse response) {
		if (this.batchSupported.compareAndSet(true, false)) {
			logger.info(LogMessage.format(
					"Umami has no batch endpoint (it answered %s); sending one request per event from now on",
					((UmamiResult.Rejected) response.failure()).status()));
		}
	}

	private List<UmamiEvent> timestamped(List<UmamiEventQueue.Entry> delivery) {
		List<UmamiEvent> events = new ArrayList<>(delivery.size());
		delivery.forEach((entry) -> events.add(timestamped(entry)));
		return events;
	}

	/**
	 * Return the event, dated with the time it was submitted when it is sent more than a
	 * minute later, so that Umami records when it happened.
	 */
	private UmamiEvent timestamped(UmamiEventQueue.Entry entry) {
		UmamiEvent event = entry.event();
		if (event.getTimestamp() == null && this.clock.millis() - entry.createdAt() > LATE_MILLIS) {
			return event.toBuilder().timestamp(Instant.ofEpochMilli(entry.createdAt())).build();
		}
		return event;
	}

	private void finish(List<UmamiEventQueue.Entry> delivery, List<UmamiResult> results, Semaphore permits) {
		this.inFlight.remove(delivery.get(0));
		try {
			for (int i = 0; i < delivery.size(); i++) {
				report(delivery.get(i).event(), results.get(i));
			}
		}
		finally {
			this.queue.done(delivery);
			permits.release();
		}
	}

	/**
	 * Tell the listeners, and log a problem once at WARN, then at DEBUG, building the
	 * message only when it is logged: in an outage this runs for every event, on the
	 * caller's thread when the queue is full. Events dropped on purpose (a dry run, or
	 * abandoned at shutdown, which is logged once with their count) are logged at DEBUG.
	 */
	private void report(UmamiEvent event, UmamiResult result) {
		notifyResult(event, result);
		if (result instanceof UmamiResult.Rejected rejected) {
			this.problemLog.warn("rejected:" + rejected.status() + ":" + rejected.message(),
					() -> "Umami rejected " + event + " with " + rejected.status() + ": " + rejected.message(), null);
		}
		else if (result instanceof UmamiResult.Failed failed) {
			this.problemLog.warn("failed:" + failed.cause().getClass().getName(),
					() -> "Umami event " + event + " was not delivered: " + failed.cause(), null);
		}
		else if (result == QUEUE_FULL || result == STOPPED) {
			UmamiResult.Dropped dropped = (UmamiResult.Dropped) result;
			this.problemLog.warn(dropped.reason(), () -> "Umami event " + event + " dropped: " + dropped.reason(),
					null);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(LogMessage.format("Umami answered %s for %s", result, event));
		}
	}

	private void notifyResult(UmamiEvent event, UmamiResult result) {
		for (UmamiDeliveryListener listener : this.listeners) {
			try {
				listener.onResult(event, result);
			}
			catch (RuntimeException ex) {
				this.problemLog.warn("listener:" + listener.getClass().getName(), () -> "Umami listener failed", ex);
			}
		}
	}

	private void notifyRequest(String endpoint, String outcome, long startNanos) {
		if (this.listeners.isEmpty()) {
			return;
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
		for (UmamiDeliveryListener listener : this.listeners) {
			try {
				listener.onRequest(endpoint, outcome, duration);
			}
			catch (RuntimeException ex) {
				this.problemLog.warn("listener:" + listener.getClass().getName(), () -> "Umami listener failed", ex);
			}
		}
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.stopped) {
				this.permits = new Semaphore(MAX_IN_FLIGHT);
				this.queue.reopen();
				this.stopped = false;
			}
		}
	}

	/**
	 * Whether the tracker accepts events: from its creation (it starts sending on the
	 * first event) until it is stopped.
	 * @return whether the tracker is running
	 */
	@Override
	public boolean isRunning() {
		return !this.stopped;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void stop(Runnable callback) {
		drainAndStop().subscribe(null, (ex) -> callback.run(), callback);
	}

	@Override
	public void stop() {
		CountDownLatch latch = new CountDownLatch(1);
		stop(latch::countDown);
		try {
			latch.await(this.options.shutdownTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void destroy() {
		if (isRunning()) {
			stop();
		}
	}

	/**
	 * Deliver what is queued within the shutdown timeout, then give up on the rest and
	 * stop the sender thread.
	 */
	private Mono<Void> drainAndStop() {
		Duration timeout = this.options.shutdownTimeout();
		return this.queue.flush()
			.timeout(timeout, Mono.empty())
			.onErrorResume((ex) -> Mono.empty())
			.then(Mono.fromRunnable(() -> close(timeout)));
	}

	private void close(Duration timeout) {
		List<UmamiEventQueue.Entry> abandoned;
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
		abandoned.forEach((entry) -> report(entry.event(), ABANDONED));
		if (!abandoned.isEmpty()) {
			logger.warn(LogMessage.format("Abandoned %d Umami event(s) that could not be delivered within the"
					+ " shutdown timeout of %s ('umami.shutdown-timeout')", abandoned.size(), timeout));
		}
	}

}
