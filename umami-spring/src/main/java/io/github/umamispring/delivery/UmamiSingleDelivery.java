package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.transport.UmamiRequest;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Delivers one event taken from the queue, which is what every delivery is when batching
 * is off: as {@link UmamiDelivery#deliver} does for a batch (one request at a time,
 * retried where Umami cannot have stored the event, bounded, counted in the limit of
 * deliveries in flight, the visitor's cache token kept), as one subscriber for the whole
 * delivery instead of a chain of a dozen operators. Under load it runs for every event,
 * and those operators cost about half of the tracker's own work per event.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiSingleDelivery implements CoreSubscriber<UmamiResult>, Disposable {

	private final UmamiDelivery delivery;

	private final UmamiConcurrencyLimit limit;

	private final QueuedEvent entry;

	private final Consumer<UmamiResult> done;

	private final UmamiRetryPolicy.Attempts attempts = new UmamiRetryPolicy.Attempts();

	// The attempt in flight: written before its request is subscribed to, read by the
	// request's signals, which come after

	private @Nullable Attempt attempt;

	private @Nullable UmamiResult answer;

	// Guarded by this: what dispose() stops

	private @Nullable Subscription subscription;

	private @Nullable Disposable retry;

	private boolean disposed;

	UmamiSingleDelivery(UmamiDelivery delivery, UmamiConcurrencyLimit limit, QueuedEvent entry,
			Consumer<UmamiResult> done) {
		this.delivery = delivery;
		this.limit = limit;
		this.entry = entry;
		this.done = done;
	}

	/**
	 * Send an attempt: the first, or the next once the wait after the last one is over.
	 * {@code done} is called once with the result of the delivery, unless it is disposed
	 * of first.
	 */
	void start() {
		if (isDisposed()) {
			return;
		}
		Mono<UmamiResult> request;
		try {
			request = nextAttempt();
		}
		catch (RuntimeException ex) {
			// The request could not be written: nothing was sent, there is nothing to
			// retry
			cancelled();
			this.done.accept(new UmamiResult.Failed(ex));
			return;
		}
		request.subscribe(this);
	}

	private Mono<UmamiResult> nextAttempt() {
		this.attempt = null;
		this.answer = null;
		UmamiEvent event = this.delivery.timestamped(this.entry);
		UmamiCacheTokens.Visitor visitor = this.delivery.visitorOf(event);
		UmamiRequest umamiRequest = this.delivery.requestFor(event, visitor);
		UmamiConcurrencyLimit.Request request = this.limit.start(1);
		this.attempt = new Attempt(visitor, request, System.nanoTime());
		return this.delivery.exchange(umamiRequest, request.eventsAhead());
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		boolean cancel;
		synchronized (this) {
			cancel = this.disposed;
			this.subscription = cancel ? null : subscription;
		}
		if (cancel) {
			subscription.cancel();
			cancelled();
			return;
		}
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(UmamiResult answer) {
		this.answer = answer;
	}

	@Override
	public void onError(Throwable ex) {
		answered(new UmamiResult.Failed(ex));
	}

	@Override
	public void onComplete() {
		UmamiResult answer = this.answer;
		answered((answer != null) ? answer : UmamiDelivery.NO_ANSWER);
	}

	private void answered(UmamiResult result) {
		synchronized (this) {
			this.subscription = null;
			if (this.disposed) {
				return;
			}
		}
		Attempt attempt = this.attempt;
		this.limit.complete(attempt.request(), result);
		this.delivery.answered(attempt.visitor(), result, attempt.startNanos());
		Duration delay = this.delivery.retryDelay(result, this.attempts);
		if (delay == null) {
			this.done.accept(result);
			return;
		}
		try {
			synchronized (this) {
				if (!this.disposed) {
					this.retry = Schedulers.parallel().schedule(this::start, delay.toNanos(), TimeUnit.NANOSECONDS);
				}
			}
		}
		catch (RejectedExecutionException ex) {
			this.done.accept(new UmamiResult.Failed(ex));
		}
	}

	/**
	 * Stop the delivery: cancel the request in flight or the retry that waits.
	 * {@code done} is not called.
	 */
	@Override
	public void dispose() {
		Subscription subscription;
		Disposable retry;
		synchronized (this) {
			if (this.disposed) {
				return;
			}
			this.disposed = true;
			subscription = this.subscription;
			retry = this.retry;
			this.subscription = null;
			this.retry = null;
		}
		if (subscription != null) {
			subscription.cancel();
			cancelled();
		}
		if (retry != null) {
			retry.dispose();
		}
	}

	@Override
	public synchronized boolean isDisposed() {
		return this.disposed;
	}

	/**
	 * Free the attempt's place in the limit, which learns nothing of Umami from it.
	 */
	private void cancelled() {
		Attempt attempt = this.attempt;
		if (attempt != null) {
			this.limit.complete(attempt.request(), UmamiConcurrencyLimit.CANCELLED);
		}
	}

	private record Attempt(UmamiCacheTokens.Visitor visitor, UmamiConcurrencyLimit.Request request, long startNanos) {

	}

}
