package io.github.umamispring;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Sends events to Umami. Inject the auto-configured bean; define your own bean of this
 * type to replace it.
 * <p>
 * {@link #track(UmamiEvent)} and the conveniences built on it are lazy: nothing is sent
 * until the returned {@link Mono} is subscribed to, and it completes with Umami's verdict
 * (never with an error: a failure is a {@link UmamiResult.Failed}). {@link #submit} is
 * for code that must never wait: it hands the event over and returns at once.
 *
 * @author umami-spring-boot contributors
 */
public interface UmamiTracker {

	/**
	 * Send the event when the returned {@code Mono} is subscribed to.
	 * @param event the event
	 * @return Umami's verdict; never an error signal
	 */
	Mono<UmamiResult> track(UmamiEvent event);

	/**
	 * Send the event without waiting for it: returns at once, never throws, and logs
	 * rather than propagates any failure.
	 * @param event the event
	 */
	void submit(UmamiEvent event);

	/**
	 * Return a {@code Mono} that completes once every event {@link #submit submitted}
	 * before this call was delivered or given up. Never completes with an error.
	 * <p>
	 * The default implementation completes at once, which is right for a tracker that
	 * holds no event back.
	 * @return a {@code Mono} completing when the events submitted so far are done
	 */
	default Mono<Void> flush() {
		return Mono.empty();
	}

	/**
	 * Send a custom event with data when the returned {@code Mono} is subscribed to.
	 * @param name the event name, at most {@value UmamiEvent#MAX_NAME_LENGTH} characters
	 * @param data the event data, or {@code null} for none
	 * @return Umami's verdict
	 * @throws IllegalArgumentException if the event breaks one of Umami's limits
	 */
	default Mono<UmamiResult> track(String name, @Nullable Map<String, ?> data) {
		return track(UmamiEvent.event(name).data(data).build());
	}

	/**
	 * Send a pageview when the returned {@code Mono} is subscribed to.
	 * @param url the page's path and query
	 * @param title the page title, or {@code null}
	 * @return Umami's verdict
	 */
	default Mono<UmamiResult> pageview(String url, @Nullable String title) {
		return track(UmamiEvent.pageview(url).title(title).build());
	}

	/**
	 * Attach data to a visitor's session, keyed on a distinct id, when the returned
	 * {@code Mono} is subscribed to.
	 * @param distinctId the distinct id, such as a user id, at most
	 * {@value UmamiEvent#MAX_ID_LENGTH} characters
	 * @param data the session data, or {@code null} for none
	 * @return Umami's verdict
	 */
	default Mono<UmamiResult> identify(String distinctId, @Nullable Map<String, ?> data) {
		return track(UmamiEvent.identify(distinctId).data(data).build());
	}

}
