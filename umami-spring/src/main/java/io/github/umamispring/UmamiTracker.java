package io.github.umamispring;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.lang.CheckReturnValue;

/**
 * Sends events to Umami. Inject the auto-configured bean; define your own bean of this
 * type to replace it.
 * <p>
 * {@link #track(UmamiEvent)} and the conveniences built on it hand the event over and
 * return at once: they never wait, never throw, and the event is delivered in the
 * background (retried where that is safe, kept while Umami is unreachable, drained at
 * shutdown). {@link #send(UmamiEvent)} is for code that wants Umami's verdict: it is
 * lazy, sends once when the returned {@link Mono} is subscribed to, and completes with a
 * {@link UmamiResult} (never with an error).
 *
 * @author umami-spring-boot contributors
 */
public interface UmamiTracker {

	/**
	 * Track the event: hand it to the delivery queue and return at once. Never throws; a
	 * failure is logged and counted, never propagated.
	 * @param event the event
	 */
	void track(UmamiEvent event);

	/**
	 * Send the event once, without the queue, when the returned {@code Mono} is
	 * subscribed to. Nothing is sent until then.
	 * @param event the event
	 * @return Umami's verdict; never an error signal
	 */
	@CheckReturnValue
	Mono<UmamiResult> send(UmamiEvent event);

	/**
	 * Return a {@code Mono} that completes once every event {@link #track tracked} before
	 * this call was delivered or given up. Never completes with an error.
	 * <p>
	 * The default implementation completes at once, which is right for a tracker that
	 * holds no event back.
	 * @return a {@code Mono} completing when the events tracked so far are done
	 */
	@CheckReturnValue
	default Mono<Void> flush() {
		return Mono.empty();
	}

	/**
	 * Track a custom event with data, as {@link #track(UmamiEvent)} does.
	 * @param name the event name, at most {@value UmamiEvent#MAX_NAME_LENGTH} characters
	 * @param data the event data, or {@code null} for none
	 * @throws IllegalArgumentException if the event breaks one of Umami's limits
	 */
	default void track(String name, @Nullable Map<String, ?> data) {
		track(UmamiEvent.event(name).data(data).build());
	}

	/**
	 * Track a pageview, as {@link #track(UmamiEvent)} does.
	 * @param url the page's path and query
	 * @param title the page title, or {@code null}
	 */
	default void trackPageview(String url, @Nullable String title) {
		track(UmamiEvent.pageview(url).title(title).build());
	}

	/**
	 * Attach data to a visitor's session, keyed on a distinct id, as
	 * {@link #track(UmamiEvent)} does.
	 * @param distinctId the distinct id, such as a user id, at most
	 * {@value UmamiEvent#MAX_ID_LENGTH} characters
	 * @param data the session data, or {@code null} for none
	 */
	default void identify(String distinctId, @Nullable Map<String, ?> data) {
		track(UmamiEvent.identify(distinctId).data(data).build());
	}

}
