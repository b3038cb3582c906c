package io.github.umamispring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import org.assertj.core.api.AssertProvider;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.lang.CheckReturnValue;
import org.springframework.util.Assert;

/**
 * A {@link UmamiTracker} for tests: records every event it is given and sends nothing.
 * Thread-safe, so events tracked from other threads (a scheduled job, a reactive
 * pipeline, a request handled by an embedded server) can be awaited with
 * {@link #awaitEvent(String, Duration)} or with Awaitility.
 * <p>
 * {@link #track(UmamiEvent)} records at once. Like the real tracker,
 * {@link #send(UmamiEvent)} is lazy: the event is recorded when the returned {@link Mono}
 * is subscribed to, so code that forgets to subscribe is caught in tests as it would lose
 * the event in production. By default every event is answered with an
 * {@link UmamiResult.Accepted} without ids; {@link #respondWith(Function)} changes that
 * answer.
 * <p>
 * Assert on what was recorded with
 * {@link UmamiAssertions#assertThat(RecordingUmamiTracker)}.
 *
 * @author umami-spring-boot contributors
 * @see io.github.umamispring.test.autoconfigure.AutoConfigureUmamiTracker
 */
public class RecordingUmamiTracker implements UmamiTracker, AssertProvider<RecordingUmamiTrackerAssert> {

	private static final UmamiResult ACCEPTED = new UmamiResult.Accepted(null, null, null);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition recorded = this.lock.newCondition();

	private final List<UmamiEvent> events = new ArrayList<>();

	private volatile Function<UmamiEvent, UmamiResult> responder = (event) -> ACCEPTED;

	@Override
	public void track(@Nullable UmamiEvent event) {
		// Like the real tracker, track never throws: a null event is ignored
		if (event != null) {
			record(event);
		}
	}

	@Override
	@CheckReturnValue
	public Mono<UmamiResult> send(UmamiEvent event) {
		Assert.notNull(event, "'event' must not be null");
		return Mono.fromSupplier(() -> {
			record(event);
			return this.responder.apply(event);
		});
	}

	private void record(UmamiEvent event) {
		this.lock.lock();
		try {
			this.events.add(event);
			this.recorded.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Answer each event given to {@link #send(UmamiEvent)} with the result of the given
	 * function instead of an {@link UmamiResult.Accepted}, for example to test how the
	 * code under test handles a {@link UmamiResult.Rejected} event.
	 * @param responder the function that decides the result of each event
	 */
	public void respondWith(Function<UmamiEvent, UmamiResult> responder) {
		Assert.notNull(responder, "'responder' must not be null");
		this.responder = responder;
	}

	/**
	 * Return the events recorded so far, in the order they were recorded.
	 * @return an immutable snapshot of the recorded events
	 */
	public List<UmamiEvent> getEvents() {
		this.lock.lock();
		try {
			return List.copyOf(this.events);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the custom events with the given name recorded so far.
	 * @param name the event name
	 * @return an immutable snapshot of the matching events
	 */
	public List<UmamiEvent> getEvents(String name) {
		Assert.notNull(name, "'name' must not be null");
		return getEvents().stream().filter(named(name)).toList();
	}

	/**
	 * Forget every event recorded so far and answer with {@link UmamiResult.Accepted}
	 * again.
	 */
	public void clear() {
		this.lock.lock();
		try {
			this.events.clear();
			this.responder = (event) -> ACCEPTED;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until a custom event with the given name has been recorded, for code that
	 * tracks asynchronously. Returns at once if one was already recorded.
	 * @param name the event name
	 * @param timeout how long to wait at most
	 * @return the first recorded event with that name
	 * @throws AssertionError if no such event was recorded in time, listing the events
	 * that were
	 */
	public UmamiEvent awaitEvent(String name, Duration timeout) {
		Assert.notNull(name, "'name' must not be null");
		return awaitEvents(named(name), 1, timeout, "an Umami event named \"" + name + "\"").get(0);
	}

	/**
	 * Wait until a pageview of the given URL has been recorded.
	 * @param url the page's path and query, as tracked
	 * @param timeout how long to wait at most
	 * @return the first recorded pageview of that URL
	 * @throws AssertionError if no such pageview was recorded in time, listing the events
	 * that were
	 */
	public UmamiEvent awaitPageview(String url, Duration timeout) {
		Assert.notNull(url, "'url' must not be null");
		return awaitEvents(pageviewOf(url), 1, timeout, "an Umami pageview of \"" + url + "\"").get(0);
	}

	/**
	 * Wait until at least the given number of events, of any kind, have been recorded.
	 * @param count the number of events to wait for
	 * @param timeout how long to wait at most
	 * @return a snapshot of all recorded events, at least {@code count} of them
	 * @throws AssertionError if fewer events were recorded in time, listing those that
	 * were
	 */
	public List<UmamiEvent> awaitEventCount(int count, Duration timeout) {
		Assert.isTrue(count > 0, "'count' must be positive");
		awaitEvents((event) -> true, count, timeout, count + " Umami event(s)");
		return getEvents();
	}

	private List<UmamiEvent> awaitEvents(Predicate<UmamiEvent> predicate, int count, Duration timeout,
			String description) {
		Assert.notNull(timeout, "'timeout' must not be null");
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (true) {
				List<UmamiEvent> matching = this.events.stream().filter(predicate).toList();
				if (matching.size() >= count) {
					return matching;
				}
				if (remaining <= 0) {
					throw new AssertionError("Expected " + description + " to be tracked within " + timeout + ", but "
							+ UmamiEventDescriptions.describe(this.events));
				}
				remaining = this.recorded.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for " + description, ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	static Predicate<UmamiEvent> named(String name) {
		return (event) -> event.getKind() == UmamiEvent.Kind.EVENT && name.equals(event.getName());
	}

	static Predicate<UmamiEvent> pageviewOf(String url) {
		return (event) -> event.getKind() == UmamiEvent.Kind.PAGEVIEW && url.equals(event.getUrl());
	}

	/**
	 * Return AssertJ assertions on the recorded events, so that
	 * {@code Assertions.assertThat(tracker)} offers them.
	 * @return the assertions
	 * @deprecated for AssertJ only; use {@code assertThat(tracker)}
	 */
	@Override
	@Deprecated(since = "0.1.0")
	public RecordingUmamiTrackerAssert assertThat() {
		return new RecordingUmamiTrackerAssert(this);
	}

	@Override
	public String toString() {
		return "RecordingUmamiTracker[" + getEvents() + "]";
	}

}
