package io.github.umamispring.testcontainers;

import java.time.Duration;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;

/**
 * Sends an event through the auto-configured tracker and waits for Umami's verdict: the
 * one place where this module's tests call the tracker's API.
 *
 * @author umami-spring-boot contributors
 */
final class Tracking {

	private Tracking() {
	}

	/**
	 * Send the event at once, bypassing the tracker's queue, and wait for the verdict.
	 * @param tracker the tracker
	 * @param event the event
	 * @param timeout how long to wait for the verdict
	 * @return Umami's verdict
	 */
	static UmamiResult send(UmamiTracker tracker, UmamiEvent event, Duration timeout) {
		return tracker.send(event).block(timeout);
	}

}
