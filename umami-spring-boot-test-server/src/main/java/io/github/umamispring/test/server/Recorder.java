package io.github.umamispring.test.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.umamispring.test.server.UmamiAnswers.Body;
import org.jspecify.annotations.Nullable;

/**
 * The requests and events a {@link MockUmamiServer} received, in order of arrival, with
 * waiting until enough have arrived.
 *
 * @author umami-spring-boot contributors
 */
final class Recorder {

	private final Object monitor = new Object();

	private final List<ReceivedRequest> requests = new ArrayList<>();

	private final List<ReceivedEvent> events = new ArrayList<>();

	/**
	 * Record a request, and its events: the body of a request to {@code /api/send} and
	 * each item of a request to {@code /api/batch} that is a JSON object with a
	 * {@code payload} object.
	 * @param request the request
	 * @param body its body as read
	 */
	void record(ReceivedRequest request, Body body) {
		List<ReceivedEvent> received = new ArrayList<>();
		if ("POST".equals(request.method())) {
			if (request.path().equals(UmamiHandler.SEND_PATH)) {
				addEvent(received, request, body.value());
			}
			else if (request.path().equals(UmamiHandler.BATCH_PATH) && body.value() instanceof List<?> items) {
				items.forEach((item) -> addEvent(received, request, item));
			}
		}
		synchronized (this.monitor) {
			this.requests.add(request);
			this.events.addAll(received);
			this.monitor.notifyAll();
		}
	}

	/**
	 * Return the requests recorded so far.
	 * @return the requests
	 */
	List<ReceivedRequest> requests() {
		synchronized (this.monitor) {
			return List.copyOf(this.requests);
		}
	}

	/**
	 * Return the events recorded so far.
	 * @return the events
	 */
	List<ReceivedEvent> events() {
		synchronized (this.monitor) {
			return List.copyOf(this.events);
		}
	}

	/**
	 * Wait until at least the given number of requests have been recorded.
	 * @param count the number of requests to wait for
	 * @param timeout how long to wait at most
	 * @return every request recorded so far
	 * @throws AssertionError if fewer requests were recorded in time
	 */
	List<ReceivedRequest> awaitRequests(int count, Duration timeout) {
		return await(this.requests, count, timeout, "requests");
	}

	/**
	 * Wait until at least the given number of events have been recorded.
	 * @param count the number of events to wait for
	 * @param timeout how long to wait at most
	 * @return every event recorded so far
	 * @throws AssertionError if fewer events were recorded in time
	 */
	List<ReceivedEvent> awaitEvents(int count, Duration timeout) {
		return await(this.events, count, timeout, "events");
	}

	/**
	 * Forget the requests and events recorded so far.
	 */
	void clear() {
		synchronized (this.monitor) {
			this.requests.clear();
			this.events.clear();
		}
	}

	private static void addEvent(List<ReceivedEvent> events, ReceivedRequest request, @Nullable Object item) {
		if (item instanceof JsonObject event && event.get("payload") instanceof JsonObject payload) {
			events.add(new ReceivedEvent(request, event, payload));
		}
	}

	private <T> List<T> await(List<T> received, int count, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (received.size() < count) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new AssertionError(describe(received, count, timeout, what));
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted while waiting for " + count + " " + what, ex);
				}
			}
			return List.copyOf(received);
		}
	}

	private static <T> String describe(List<T> received, int count, Duration timeout, String what) {
		String expected = "Expected at least " + count + " " + what + " within " + timeout + ", but received ";
		if (received.isEmpty()) {
			return expected + "none";
		}
		return expected + received.size() + ":\n"
				+ received.stream().map((element) -> "  " + element).collect(Collectors.joining("\n"));
	}

}
