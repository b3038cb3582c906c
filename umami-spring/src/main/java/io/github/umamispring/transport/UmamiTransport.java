package io.github.umamispring.transport;

import io.github.umamispring.UmamiResult;
import reactor.core.publisher.Mono;

/**
 * Delivers one request to Umami's collection endpoint: the SPI behind the tracker. The
 * auto-configured implementation is {@link WebClientUmamiTransport}; define a bean of
 * this type to send another way.
 *
 * @author umami-spring-boot contributors
 */
public interface UmamiTransport {

	/**
	 * Send the request when the returned {@code Mono} is subscribed to.
	 * @param request the request
	 * @return Umami's verdict; never an error signal
	 */
	Mono<UmamiResult> send(UmamiRequest request);

	/**
	 * Whether this transport can send batches with {@link #sendBatch}. The default
	 * implementation returns {@code false}: events are sent one by one.
	 * @return whether to send batches
	 */
	default boolean supportsBatch() {
		return false;
	}

	/**
	 * Send a batch of events, whose request body is a JSON array of send bodies, when the
	 * returned {@code Mono} is subscribed to. The default implementation has no batch
	 * endpoint: it answers as a server without one would, so that the caller falls back
	 * to {@link #send(UmamiRequest)}.
	 * @param request the batch request
	 * @param size the number of events in the batch
	 * @return Umami's verdict for each event or for the whole batch; never an error
	 * signal
	 */
	default Mono<UmamiBatchResponse> sendBatch(UmamiRequest request, int size) {
		return Mono.just(UmamiBatchResponse.failed(new UmamiResult.Rejected(404, "batch not supported")));
	}

	/**
	 * Call the server's heartbeat endpoint when the returned {@code Mono} is subscribed
	 * to, for health checks. The default implementation reaches no server and completes
	 * empty, as a dry run does.
	 * @return the HTTP status of the answer, empty when there is no server to ask, or an
	 * error when it could not be reached
	 */
	default Mono<Integer> heartbeat() {
		return Mono.empty();
	}

	/**
	 * Return a transport that sends nothing and logs each event instead: the transport of
	 * a dry run.
	 * @return the dry-run transport
	 */
	static UmamiTransport dryRun() {
		return new LoggingUmamiTransport();
	}

}
