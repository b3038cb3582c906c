package io.github.umamispring.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.transport.UmamiBatchResponse;
import io.github.umamispring.transport.UmamiRequest;
import io.github.umamispring.transport.UmamiTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.log.LogMessage;

/**
 * Sends one request to Umami and reads its answer, for every event the tracker delivers:
 * one event to {@code /api/send}, or several (or one) to {@code /api/batch}. The one
 * place that sizes and bounds a request and keeps the visitors' cache tokens; what to do
 * with the answer is the caller's.
 * <p>
 * After a {@code 404} or {@code 405} from {@code /api/batch} (a server before 2.17, a
 * CDN, a deploy) events are sent one by one for {@value #BATCH_FALLBACK_MINUTES} minutes,
 * then the next batch asks {@code /api/batch} again.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiDelivery {

	private static final Log logger = LogFactory.getLog(DefaultUmamiTracker.class);

	static final UmamiResult.Failed NO_ANSWER = new UmamiResult.Failed(
			new IllegalStateException("The Umami transport completed without an answer"));

	/**
	 * How long events are sent one by one after Umami answered it has no batch endpoint.
	 */
	static final int BATCH_FALLBACK_MINUTES = 5;

	private final UmamiRequestFactory requestFactory;

	private final UmamiTransport transport;

	private final UmamiCacheTokens cacheTokens;

	private final DeliveryReporter reporter;

	private final UmamiDeliveryOptions options;

	/**
	 * Until when, in the clock's milliseconds, events are sent one by one.
	 */
	private volatile long batchUnsupportedUntil;

	private volatile Clock clock = Clock.systemUTC();

	UmamiDelivery(UmamiRequestFactory requestFactory, UmamiTransport transport, UmamiCacheTokens cacheTokens,
			DeliveryReporter reporter, UmamiDeliveryOptions options) {
		this.requestFactory = requestFactory;
		this.transport = transport;
		this.cacheTokens = cacheTokens;
		this.reporter = reporter;
		this.options = options;
	}

	Clock clock() {
		return this.clock;
	}

	void setClock(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Whether to send what the queue holds in batches: batching is on, the transport has
	 * a batch endpoint and Umami has not said lately that it lacks one.
	 */
	boolean canBatch() {
		return this.options.batchEnabled() && this.transport.supportsBatch()
				&& this.clock.millis() >= this.batchUnsupportedUntil;
	}

	/**
	 * Send events in one request when subscribed to: one result per event, in order;
	 * never an error signal.
	 * @param events the events
	 * @param batch whether to send them to the batch endpoint, else the one event to the
	 * send endpoint
	 * @param eventsAhead the number of events of the requests in flight, which Umami
	 * writes first
	 * @return the results
	 */
	Mono<List<UmamiResult>> exchange(List<UmamiEvent> events, boolean batch, int eventsAhead) {
		int size = events.size();
		return Mono.defer(() -> {
			Duration readTimeout = this.options.readTimeout(size, eventsAhead);
			// The transport's own response timeout comes first on Reactor Netty; this
			// bounds every request whatever the transport does
			Duration bound = this.options.connectTimeout().plus(readTimeout);
			long start = System.nanoTime();
			Mono<List<UmamiResult>> answer = batch ? sendBatch(events, readTimeout, start)
					: sendOne(events.get(0), readTimeout, start);
			return answer.timeout(bound, Mono.fromSupplier(() -> failed(timedOut(bound, size, eventsAhead), size)));
		})
			// Outside the defer, to answer for a transport that throws instead
			.onErrorResume((ex) -> Mono.just(failed(new UmamiResult.Failed(ex), size)))
			.defaultIfEmpty(failed(NO_ANSWER, size));
	}

	private Mono<List<UmamiResult>> sendOne(UmamiEvent event, Duration readTimeout, long start) {
		UmamiCacheTokens.Visitor visitor = this.cacheTokens.visitor(this.requestFactory.websiteFor(event), event);
		UmamiRequest request = this.requestFactory.createRequest(event, visitor.token()).withReadTimeout(readTimeout);
		return this.transport.send(request).map((result) -> {
			this.reporter.notifyRequest("send", result.outcome(), start);
			if (result instanceof UmamiResult.Accepted accepted && accepted.cacheToken() != null) {
				visitor.remember(accepted.cacheToken());
			}
			return List.of(result);
		});
	}

	private Mono<List<UmamiResult>> sendBatch(List<UmamiEvent> events, Duration readTimeout, long start) {
		UmamiEvent first = events.get(0);
		String website = this.requestFactory.websiteFor(first);
		boolean oneVisitor = true;
		for (UmamiEvent event : events) {
			oneVisitor = oneVisitor
					&& this.cacheTokens.isSameVisitor(website, first, this.requestFactory.websiteFor(event), event);
		}
		// A batch shares its headers: a token in a batch of several visitors would merge
		// them into one session
		UmamiCacheTokens.Visitor visitor = oneVisitor ? this.cacheTokens.visitor(website, first) : null;
		UmamiRequest request = this.requestFactory
			.createBatchRequest(events, (visitor != null) ? visitor.token() : null)
			.withReadTimeout(readTimeout);
		return this.transport.sendBatch(request, events.size()).map((response) -> {
			UmamiResult failure = response.failure();
			this.reporter.notifyRequest("batch", (failure != null) ? failure.outcome() : "accepted", start);
			if (response.isUnsupported()) {
				fallBackToSend(failure);
			}
			if (failure != null) {
				return failed(failure, events.size());
			}
			if (response.results().size() != events.size()) {
				return failed(
						new UmamiResult.Failed(new IllegalStateException("The Umami transport answered "
								+ response.results().size() + " results for a batch of " + events.size() + " events")),
						events.size());
			}
			if (visitor != null && response.cacheToken() != null) {
				visitor.remember(response.cacheToken());
			}
			return response.results();
		});
	}

	private void fallBackToSend(UmamiResult failure) {
		long now = this.clock.millis();
		if (now >= this.batchUnsupportedUntil) {
			logger.info(LogMessage.format(
					"Umami has no batch endpoint (it answered %s); sending one request per"
							+ " event for %d minutes, then asking again",
					((UmamiResult.Rejected) failure).status(), BATCH_FALLBACK_MINUTES));
		}
		this.batchUnsupportedUntil = now + TimeUnit.MINUTES.toMillis(BATCH_FALLBACK_MINUTES);
	}

	/**
	 * Whether a batch's result says that Umami has no batch endpoint: the events were not
	 * sent, and are to be sent one by one.
	 * @param result a batch's result
	 * @return whether the batch endpoint is missing
	 */
	static boolean isBatchUnsupported(UmamiResult result) {
		return UmamiBatchResponse.failed(result).isUnsupported();
	}

	UmamiEvent timestamped(QueuedEvent entry) {
		return entry.toSend(this.clock.millis());
	}

	private static List<UmamiResult> failed(UmamiResult failure, int size) {
		return Collections.nCopies(size, failure);
	}

	private static UmamiResult.Failed timedOut(Duration bound, int size, int ahead) {
		return new UmamiResult.Failed(new TimeoutException("No answer from Umami within " + bound.toMillis()
				+ " ms to a request of " + size + " event(s) sent while Umami had " + ahead
				+ " other event(s) in flight to write: the connect timeout plus the read timeout sized to that work"));
	}

}
