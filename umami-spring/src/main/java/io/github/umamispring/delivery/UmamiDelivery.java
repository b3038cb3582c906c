package io.github.umamispring.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.transport.UmamiBatchResponse;
import io.github.umamispring.transport.UmamiRequest;
import io.github.umamispring.transport.UmamiTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.log.LogMessage;

/**
 * Delivers what the dispatcher takes from the queue: one request per event or a batch,
 * falling back to one request per event when Umami has no batch endpoint, retrying where
 * Umami cannot have stored the events, and keeping each visitor's cache token.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiDelivery {

	private static final Log logger = LogFactory.getLog(DefaultUmamiTracker.class);

	static final UmamiResult.Failed NO_ANSWER = new UmamiResult.Failed(
			new IllegalStateException("The Umami transport completed without an answer"));

	private final UmamiRequestFactory requestFactory;

	private final UmamiTransport transport;

	private final UmamiCacheTokens cacheTokens;

	private final UmamiRetryPolicy retryPolicy;

	private final DeliveryReporter reporter;

	private final UmamiConcurrencyLimit limit;

	private final UmamiDeliveryOptions options;

	private final UmamiDeadlines deadlines = new UmamiDeadlines();

	private final AtomicBoolean batchSupported = new AtomicBoolean(true);

	private volatile Clock clock = Clock.systemUTC();

	UmamiDelivery(UmamiRequestFactory requestFactory, UmamiTransport transport, UmamiCacheTokens cacheTokens,
			UmamiRetryPolicy retryPolicy, DeliveryReporter reporter, UmamiConcurrencyLimit limit,
			UmamiDeliveryOptions options) {
		this.requestFactory = requestFactory;
		this.transport = transport;
		this.cacheTokens = cacheTokens;
		this.retryPolicy = retryPolicy;
		this.reporter = reporter;
		this.limit = limit;
		this.options = options;
	}

	UmamiTransport transport() {
		return this.transport;
	}

	Clock clock() {
		return this.clock;
	}

	void setClock(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Whether batches can be sent: the transport has a batch endpoint and Umami has not
	 * answered that it lacks one.
	 */
	boolean canBatch() {
		return this.batchSupported.get() && this.transport.supportsBatch();
	}

	/**
	 * Send one event in one attempt, with its visitor's cache token, outside the limit of
	 * deliveries in flight.
	 */
	Mono<UmamiResult> send(UmamiEvent event) {
		UmamiCacheTokens.Visitor visitor = visitorOf(event);
		UmamiRequest request = requestFor(event, visitor);
		long start = System.nanoTime();
		return exchange(1, false, (readTimeout) -> this.transport.send(request.withReadTimeout(readTimeout)),
				(result) -> result, (failed) -> failed)
			.doOnNext((result) -> answered(visitor, result, start));
	}

	/**
	 * Start delivering one event taken from the queue, as {@link #deliver} does, through
	 * one subscriber: the path of every event when batching is off.
	 * @param entry the event
	 * @param done called once with the result, unless the delivery is disposed of first
	 * @return the delivery, to start
	 */
	UmamiSingleDelivery single(QueuedEvent entry, Consumer<UmamiResult> done) {
		return new UmamiSingleDelivery(this, this.limit, entry, done);
	}

	UmamiCacheTokens.Visitor visitorOf(UmamiEvent event) {
		return this.cacheTokens.visitor(this.requestFactory.websiteFor(event), event);
	}

	UmamiRequest requestFor(UmamiEvent event, UmamiCacheTokens.Visitor visitor) {
		return this.requestFactory.createRequest(event, visitor.token());
	}

	/**
	 * Send one event's request of the limit when subscribed to, bounded as
	 * {@link #exchange(int, boolean, Function, Function, Function) exchange} bounds it;
	 * the transport's errors and empty answers are passed on.
	 */
	Mono<UmamiResult> exchange(UmamiRequest request, int ahead) {
		return bounded(1, ahead, (readTimeout) -> this.transport.send(request.withReadTimeout(readTimeout)),
				(failed) -> failed);
	}

	/**
	 * Record Umami's answer to one event's request, and the visitor's new cache token.
	 */
	void answered(UmamiCacheTokens.Visitor visitor, UmamiResult result, long startNanos) {
		this.reporter.notifyRequest("send", result.outcome(), startNanos);
		if (result instanceof UmamiResult.Accepted accepted && accepted.cacheToken() != null) {
			visitor.remember(accepted.cacheToken());
		}
	}

	/**
	 * Send a request when subscribed to, bounded by the connect timeout plus a read
	 * timeout sized to the events Umami writes before it answers, whatever the transport
	 * does (within a {@link UmamiDeadlines#TICK tick}), and tell the limit of deliveries
	 * in flight how it went.
	 * @param size the number of events of the request
	 * @param limited whether the request belongs to a delivery of the limit
	 * @param send sends the request with the given read timeout
	 * @param verdict the failure an answer stands for, {@code null} when Umami took it
	 * @param failed the answer that stands for a failure
	 */
	private <T> Mono<T> exchange(int size, boolean limited, Function<Duration, Mono<T>> send,
			Function<T, @Nullable UmamiResult> verdict, Function<UmamiResult.Failed, T> failed) {
		return Mono.defer(() -> {
			UmamiConcurrencyLimit.Request request = limited ? this.limit.start(size) : null;
			int ahead = (request != null) ? request.eventsAhead() : this.limit.eventsInFlight();
			return bounded(size, ahead,
					(readTimeout) -> send.apply(readTimeout)
						.onErrorResume((ex) -> Mono.just(failed.apply(new UmamiResult.Failed(ex))))
						.switchIfEmpty(Mono.fromSupplier(() -> failed.apply(NO_ANSWER))),
					failed)
				.doOnNext((result) -> {
					if (request != null) {
						this.limit.complete(request, verdict.apply(result));
					}
				})
				.doOnCancel(() -> {
					if (request != null) {
						this.limit.complete(request, UmamiConcurrencyLimit.CANCELLED);
					}
				});
		});
	}

	/**
	 * Send a request with a read timeout sized to the events Umami writes before it
	 * answers, bounded by the connect timeout plus that read timeout.
	 */
	private <T> Mono<T> bounded(int size, int ahead, Function<Duration, Mono<T>> send,
			Function<UmamiResult.Failed, T> failed) {
		Duration readTimeout = this.options.readTimeout(size, ahead);
		Duration timeout = this.options.connectTimeout().plus(readTimeout);
		return this.deadlines.bound(send.apply(readTimeout), timeout,
				() -> failed.apply(timedOut(timeout, size, ahead)));
	}

	private static UmamiResult.Failed timedOut(Duration deadline, int size, int ahead) {
		return new UmamiResult.Failed(new TimeoutException("No answer from Umami within " + deadline.toMillis()
				+ " ms to a request of " + size + " event(s) sent while Umami had " + ahead
				+ " other event(s) in flight to write: the connect timeout plus the read timeout sized to that work"));
	}

	/**
	 * Deliver a batch of events taken from the queue, retrying where that is safe: one
	 * result per event, in order; never an error signal. One event is delivered by
	 * {@link #single}.
	 */
	Mono<List<UmamiResult>> deliver(List<QueuedEvent> delivery) {
		return Mono.defer(() -> deliverBatch(delivery))
			.switchIfEmpty(Mono.fromSupplier(() -> Collections.nCopies(delivery.size(), NO_ANSWER)))
			.onErrorResume((ex) -> Mono.just(Collections.nCopies(delivery.size(), new UmamiResult.Failed(ex))));
	}

	private Mono<List<UmamiResult>> deliverBatch(List<QueuedEvent> delivery) {
		if (!this.batchSupported.get()) {
			return deliverEach(delivery);
		}
		return retrying(() -> sendBatch(delivery.stream().map(this::timestamped).toList()), UmamiBatchResponse::failure,
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

	private Mono<List<UmamiResult>> deliverEach(List<QueuedEvent> delivery) {
		return Flux.fromIterable(delivery).concatMap((entry) -> Mono.<UmamiResult>create((sink) -> {
			UmamiSingleDelivery single = single(entry, sink::success);
			sink.onCancel(single);
			single.start();
		})).collectList();
	}

	private Mono<UmamiBatchResponse> sendBatch(List<UmamiEvent> events) {
		UmamiEvent first = events.get(0);
		String website = this.requestFactory.websiteFor(first);
		boolean oneVisitor = true;
		for (UmamiEvent event : events) {
			oneVisitor = oneVisitor
					&& this.cacheTokens.isSameVisitor(website, first, this.requestFactory.websiteFor(event), event);
		}
		// A batch shares its headers: a token in a batch of several visitors would merge
		// them into one session
		String cacheToken = oneVisitor ? this.cacheTokens.get(website, first) : null;
		boolean rememberToken = oneVisitor;
		UmamiRequest request = this.requestFactory.createBatchRequest(events, cacheToken);
		long start = System.nanoTime();
		return exchange(events.size(), true,
				(readTimeout) -> this.transport.sendBatch(request.withReadTimeout(readTimeout), events.size()),
				UmamiBatchResponse::failure, UmamiBatchResponse::failed)
			.doOnNext((response) -> {
				this.reporter.notifyRequest("batch",
						(response.failure() != null) ? response.failure().outcome() : "accepted", start);
				if (rememberToken && response.failure() == null && response.cacheToken() != null) {
					this.cacheTokens.put(website, first, response.cacheToken());
				}
			});
	}

	private <T> Mono<T> retrying(Supplier<Mono<T>> attempt, Function<T, @Nullable UmamiResult> verdict,
			UmamiRetryPolicy.Attempts attempts) {
		return Mono.defer(attempt).flatMap((value) -> {
			UmamiResult result = verdict.apply(value);
			Duration delay = (result != null) ? retryDelay(result, attempts) : null;
			if (delay == null) {
				return Mono.just(value);
			}
			return Mono.delay(delay).then(retrying(attempt, verdict, attempts));
		});
	}

	/**
	 * Return how long to wait before trying again after the given result, or {@code null}
	 * to give up with it.
	 */
	@Nullable Duration retryDelay(UmamiResult result, UmamiRetryPolicy.Attempts attempts) {
		Duration delay = this.retryPolicy.nextDelay(result, attempts);
		if (delay != null && logger.isDebugEnabled()) {
			logger.debug(LogMessage.format("Umami answered %s; trying again in %d ms", result, delay.toMillis()));
		}
		return delay;
	}

	private void fallBackToSend(UmamiBatchResponse response) {
		if (this.batchSupported.compareAndSet(true, false)) {
			logger.info(LogMessage.format(
					"Umami has no batch endpoint (it answered %s); sending one request per event from now on",
					((UmamiResult.Rejected) response.failure()).status()));
		}
	}

	UmamiEvent timestamped(QueuedEvent entry) {
		return entry.toSend(this.clock.millis());
	}

}
