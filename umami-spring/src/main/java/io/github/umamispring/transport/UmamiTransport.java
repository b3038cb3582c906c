package io.github.umamispring.transport;

import java.util.Map;

import io.github.umamispring.UmamiResult;
import reactor.core.publisher.Mono;

/**
 * Delivers one request to Umami's collection endpoint: the SPI behind the tracker. The
 * auto-configured implementation is {@link WebClientUmamiTransport} (or, in a dry run,
 * one that logs each event); define a bean of this type to send another way: the
 * auto-configured tracker and health check use it.
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
	 * Ask the server whether it is up, when the returned {@code Mono} is subscribed to,
	 * for health checks. The default implementation has no server to ask and answers
	 * {@link UmamiHeartbeat.Status#UNKNOWN}.
	 * @return what the server's heartbeat said; never an error signal
	 */
	default Mono<UmamiHeartbeat> heartbeat() {
		return Mono.just(UmamiHeartbeat.unknown(Map.of()));
	}

	/**
	 * Whether this transport sends nothing and only logs each event, as the one of
	 * {@link #dryRun()} does.
	 * @return whether events are only logged
	 */
	default boolean isDryRun() {
		return false;
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
