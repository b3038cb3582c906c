package io.github.umamispring.delivery;

import java.time.Duration;
import java.time.Instant;

import io.github.umamispring.UmamiEvent;

/**
 * An event held by the {@link UmamiEventQueue}, with when it was tracked, its place in
 * the queue, its attempts so far and, when it waits to be sent again, when.
 *
 * @author umami-spring-boot contributors
 */
final class QueuedEvent {

	/**
	 * Age past which an event is sent with the time it happened.
	 */
	private static final long LATE_MILLIS = Duration.ofMinutes(1).toMillis();

	private final UmamiEvent event;

	private final long createdAt;

	/**
	 * Position in the queue, set by the queue when the event is offered.
	 */
	long sequence;

	/**
	 * When a retry is due, in {@link System#nanoTime()}, set by the queue.
	 */
	long dueNanos;

	/**
	 * The attempts made to deliver the event so far.
	 */
	final UmamiRetryPolicy.Attempts attempts = new UmamiRetryPolicy.Attempts();

	/**
	 * Create an entry.
	 * @param event the event
	 * @param createdAt when the event was tracked, in epoch milliseconds
	 */
	QueuedEvent(UmamiEvent event, long createdAt) {
		this.event = event;
		this.createdAt = createdAt;
	}

	UmamiEvent event() {
		return this.event;
	}

	long createdAt() {
		return this.createdAt;
	}

	/**
	 * Return the event to send now, dated with the time it was tracked when it is sent
	 * more than a minute later, so that Umami records when it happened.
	 * @param nowMillis the time now, in epoch milliseconds
	 * @return the event to send
	 */
	UmamiEvent toSend(long nowMillis) {
		if (this.event.getTimestamp() == null && nowMillis - this.createdAt > LATE_MILLIS) {
			return this.event.toBuilder().timestamp(Instant.ofEpochMilli(this.createdAt)).build();
		}
		return this.event;
	}

}
