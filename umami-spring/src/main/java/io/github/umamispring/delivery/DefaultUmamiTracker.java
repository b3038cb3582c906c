package io.github.umamispring.delivery;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiEventProcessor;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.delivery.UmamiEventProcessors.Processed;
import io.github.umamispring.transport.UmamiTransport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.lang.CheckReturnValue;
import org.springframework.util.Assert;

/**
 * The auto-configured {@link UmamiTracker}: applies the {@link #setEventProcessors(List)
 * event processors}, fills in the configured defaults and hands events to a
 * {@link UmamiTransport}.
 * <p>
 * {@link #track(UmamiEvent)} puts the event in a bounded queue and returns at once; a
 * background thread sends what is queued, in batches when enabled, retries where Umami
 * cannot have stored the event, and keeps events queued while Umami is unreachable. As a
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
	 * Visitors whose cache token is remembered; about 1 KB each.
	 */
	private static final int MAX_CACHED_VISITORS = 10_000;

	private final DeliveryReporter reporter = new DeliveryReporter();

	private final UmamiEventDefaults defaults;

	private final UmamiDelivery delivery;

	private final UmamiDispatcher dispatcher;

	private final UmamiDeliveryOptions options;

	private final UmamiConcurrencyLimit limit;

	private final UmamiEventProcessors processors = new UmamiEventProcessors(this.reporter.problemLog());

	/**
	 * Create a tracker with the default delivery options.
	 * @param transport the transport that sends the requests
	 * @param defaults what events are sent with when they do not say
	 */
	public DefaultUmamiTracker(UmamiTransport transport, UmamiEventDefaults defaults) {
		this(transport, defaults, UmamiDeliveryOptions.defaults());
	}

	/**
	 * Create a tracker.
	 * @param transport the transport that sends the requests
	 * @param defaults what events are sent with when they do not say
	 * @param options how tracked events are queued, retried, batched and drained
	 */
	public DefaultUmamiTracker(UmamiTransport transport, UmamiEventDefaults defaults, UmamiDeliveryOptions options) {
		Assert.notNull(transport, "'transport' must not be null");
		Assert.notNull(defaults, "'defaults' must not be null");
		Assert.notNull(options, "'options' must not be null");
		this.options = options;
		this.defaults = defaults;
		UmamiEventQueue queue = new UmamiEventQueue(options.queueCapacity(), options.dropOldest());
		this.limit = new UmamiConcurrencyLimit(options.maxInFlight(), queue::hasWaiting, System::nanoTime);
		this.delivery = new UmamiDelivery(new UmamiRequestFactory(defaults), transport,
				new UmamiCacheTokens(MAX_CACHED_VISITORS), this.reporter, options);
		this.dispatcher = new UmamiDispatcher(this.delivery,
				new UmamiRetryPolicy(options.maxAttempts(), options.initialBackoff(), options.maxBackoff()),
				this.reporter, options, queue, this.limit);
	}

	/**
	 * Add a listener told about every result and request, such as a metrics binder.
	 * @param listener the listener
	 */
	public void addListener(UmamiDeliveryListener listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.reporter.addListener(listener);
	}

	/**
	 * Set the processors that change or drop each event before it is checked against
	 * Umami's limits and queued or sent, replacing any set before. They run in the order
	 * given, on the thread that tracks the event; the auto-configuration passes the
	 * {@link UmamiEventProcessor} beans in {@code @Order}. A processor that returns
	 * {@code null} drops the event, one that throws drops it too (see
	 * {@link UmamiEventProcessor}): its result is {@link UmamiResult.Dropped}.
	 * @param processors the processors
	 */
	public void setEventProcessors(List<? extends UmamiEventProcessor> processors) {
		Assert.noNullElements(processors, "'processors' must not contain null elements");
		this.processors.setProcessors(processors);
	}

	/**
	 * Return the number of tracked events held: waiting to be sent or being sent.
	 * @return the queue size
	 */
	public int getQueueSize() {
		return this.dispatcher.queueSize();
	}

	/**
	 * Return the current limit on deliveries in flight to Umami: it starts at one, grows
	 * while Umami's latency stays flat and shrinks when it rises, on timeouts and on
	 * answers such as 429 and 503, up to the configured maximum. Fractional, as it grows
	 * and shrinks by fractions of one; its whole part is the number of deliveries let
	 * through.
	 * @return the limit
	 */
	public double getInFlightLimit() {
		return this.limit.limit();
	}

	/**
	 * Return the options the tracker delivers with.
	 * @return the delivery options
	 */
	public UmamiDeliveryOptions getOptions() {
		return this.options;
	}

	/**
	 * Return what events are sent with when they do not say: the websites, the hostname
	 * and the {@code User-Agent}.
	 * @return the event defaults
	 */
	public UmamiEventDefaults getDefaults() {
		return this.defaults;
	}

	/**
	 * Return the delivery problems of the last five minutes, most recent first: rejected
	 * and failed events, drops and refusals, each logged at WARN once per five minutes.
	 * @return the recent problems
	 */
	public List<UmamiDeliveryProblem> getRecentProblems() {
		return this.reporter.problemLog()
			.recentProblems()
			.stream()
			.map((problem) -> new UmamiDeliveryProblem(problem.key(), problem.occurrences(), problem.lastOccurred()))
			.toList();
	}

	void setClock(Clock clock) {
		this.delivery.setClock(clock);
		this.reporter.problemLog().setClock(clock);
	}

	@Override
	public void track(@Nullable UmamiEvent event) {
		if (event == null) {
			this.reporter.problemLog().warn("null-event", "Ignored a null Umami event");
			return;
		}
		try {
			Processed prepared = prepare(event);
			UmamiResult notSent = prepared.result();
			if (notSent != null) {
				this.reporter.notifyResult(prepared.event(), notSent);
				return;
			}
			this.dispatcher.offer(prepared.event());
		}
		catch (RuntimeException ex) {
			this.reporter.problemLog()
				.warn(ex.getClass().getName(), () -> "Umami event " + event + " could not be queued", ex);
		}
	}

	@Override
	@CheckReturnValue
	public Mono<UmamiResult> send(UmamiEvent event) {
		Assert.notNull(event, "'event' must not be null");
		// One attempt: the caller waits for the verdict and decides; the queue behind
		// track is what retries and waits out outages
		return Mono.defer(() -> {
			Processed prepared = prepare(event);
			// The exchange answers every event, never with an error signal
			Mono<UmamiResult> result = (prepared.result() != null) ? Mono.just(prepared.result())
					: this.delivery.exchange(List.of(prepared.event()), false, 0).map((results) -> results.get(0));
			return result.doOnNext((answer) -> this.reporter.notifyResult(prepared.event(), answer));
		}).onErrorResume((ex) -> {
			// Failed before the event was processed: reported as given
			UmamiResult.Failed failed = new UmamiResult.Failed(ex);
			this.reporter.notifyResult(event, failed);
			return Mono.just(failed);
		});
	}

	/**
	 * Apply the processors to an event, then check it against Umami's limits.
	 * @param event the event as tracked
	 * @return the event to deliver; or the event not to deliver, with its result
	 */
	private Processed prepare(UmamiEvent event) {
		Processed processed = this.processors.process(event);
		return (processed.result() != null) ? processed : new Processed(processed.event(), adjusted(processed.event()));
	}

	private @Nullable UmamiResult adjusted(UmamiEvent event) {
		if (event.getRefusal() != null) {
			return this.reporter.reportRefused(event);
		}
		if (this.defaults.hasNoWebsite(event)) {
			return this.reporter.reportNoWebsite(event, this.defaults.hostnameFor(event));
		}
		return (event.getAdjustments().isEmpty()) ? null
				: this.reporter.reportAdjusted(event, this.options.refuseAdjustedEvents());
	}

	@Override
	@CheckReturnValue
	public Mono<Void> flush() {
		return this.dispatcher.flush();
	}

	@Override
	public void start() {
		this.dispatcher.start();
	}

	/**
	 * Whether the tracker runs: from {@link #start()} (or, for a tracker that no
	 * container starts, the first tracked event) until it is stopped.
	 * @return whether the tracker is running
	 */
	@Override
	public boolean isRunning() {
		return this.dispatcher.isRunning();
	}

	/**
	 * Whether the thread that sends what is tracked is alive. It is started again when it
	 * is found dead (with the next event, or {@link #flush()}), and this is {@code false}
	 * meanwhile: delivery has stopped.
	 * @return whether tracked events are being delivered
	 */
	public boolean isDelivering() {
		return this.dispatcher.isSending();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void stop(Runnable callback) {
		this.dispatcher.drainAndStop().subscribe(null, (ex) -> callback.run(), callback);
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

}
