package io.github.umamispring.delivery;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The flushes waiting on the {@link UmamiEventQueue}: each completes once every event
 * offered before it is done, that is once the lowest position the queue still holds is
 * past the last event it waits for. Not thread-safe: the queue's lock guards it.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiFlushes {

	private final List<Waiter> waiters = new ArrayList<>();

	/**
	 * Return a {@code Mono} that completes once the events up to the given position are
	 * done.
	 * @param lastSequence the position of the last event to wait for
	 * @param lowestHeld the lowest position held
	 * @return a {@code Mono} that never errors
	 */
	Mono<Void> add(long lastSequence, long lowestHeld) {
		if (lowestHeld > lastSequence) {
			return Mono.empty();
		}
		Waiter waiter = new Waiter(lastSequence, Sinks.empty());
		this.waiters.add(waiter);
		return waiter.sink().asMono();
	}

	/**
	 * Take out the flushes that are done, to complete outside the lock.
	 * @param lowestHeld the lowest position held, {@link Long#MAX_VALUE} for none
	 * @return the flushes done
	 */
	List<Waiter> done(long lowestHeld) {
		List<Waiter> done = new ArrayList<>();
		this.waiters.removeIf((waiter) -> lowestHeld > waiter.lastSequence() && done.add(waiter));
		return done;
	}

	boolean isEmpty() {
		return this.waiters.isEmpty();
	}

	/**
	 * Complete flushes taken out with {@link #done(long)}: each once, since it was taken
	 * out under the lock.
	 * @param waiters the flushes, or {@code null}
	 */
	static void complete(@Nullable List<Waiter> waiters) {
		if (waiters != null) {
			waiters.forEach((waiter) -> waiter.sink().tryEmitEmpty());
		}
	}

	record Waiter(long lastSequence, Sinks.Empty<Void> sink) {

	}

}
