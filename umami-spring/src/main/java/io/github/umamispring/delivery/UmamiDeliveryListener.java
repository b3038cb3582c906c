package io.github.umamispring.delivery;

import java.time.Duration;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;

/**
 * Told what happens to events and requests, for metrics. Called on the thread that calls
 * {@code track} or subscribes to {@code send} for what is decided before a request (an
 * event adjusted, dropped or refused), and on other threads for the rest (the HTTP
 * client's for Umami's answers, the one that stops the tracker for events abandoned at
 * shutdown), so implementations must be fast. One that throws is logged at WARN and
 * affects neither the other listeners nor the delivery.
 *
 * @author umami-spring-boot contributors
 * @see DefaultUmamiTracker#addListener(UmamiDeliveryListener)
 */
public interface UmamiDeliveryListener {

	/**
	 * Called once for every event given to {@code track} or {@code send}, with its final
	 * result: accepted, filtered as a bot, rejected, failed after any retries, or dropped
	 * (by an event processor, a dry run, a full queue or at shutdown, for instance).
	 * @param event the event as the event processors left it, the one sent (or as given
	 * to the processor that dropped it or failed)
	 * @param result its result
	 */
	default void onResult(UmamiEvent event, UmamiResult result) {
	}

	/**
	 * Called for every event handed to the tracker that
	 * {@link io.github.umamispring.UmamiEventBuilder#build()} fitted into Umami's limits
	 * and that is sent as fitted, before it is sent.
	 * @param event the event, whose {@link UmamiEvent#getAdjustments()} say what was
	 * changed
	 */
	default void onAdjusted(UmamiEvent event) {
	}

	/**
	 * Called for every request sent to Umami, retries included.
	 * @param endpoint {@code send} or {@code batch}
	 * @param outcome the outcome of the request, as in {@link UmamiResult#outcome()}
	 * @param duration how long the request took
	 */
	default void onRequest(String endpoint, String outcome, Duration duration) {
	}

}
