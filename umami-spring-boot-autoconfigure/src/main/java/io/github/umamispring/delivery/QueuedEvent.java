package io.github.umamispring.delivery;

import io.github.umamispring.UmamiEvent;

/**
 * An event held by the {@link UmamiEventQueue}, with when it was tracked and its place in
 * the queue.
 *
 * @author umami-spring-boot contributors
 */
final class QueuedEvent {

	private final UmamiEvent event;

	private final long createdAt;

	/**
	 * Position in the queue, set by the queue when the event is offered.
	 */
	long sequence;

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

}
