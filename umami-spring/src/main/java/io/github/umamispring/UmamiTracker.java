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
	 * failure is logged and counted, never propagated. An event Umami would refuse (see
	 * {@link UmamiEvent#getRefusal()}) is not sent: its result is
	 * {@link UmamiResult.Rejected}.
	 * @param event the event
	 */
	void track(UmamiEvent event);

	/**
	 * Send the event once, without the queue, when the returned {@code Mono} is
	 * subscribed to. Nothing is sent until then. An event that cannot be sent (one Umami
	 * would refuse, see {@link UmamiEvent#getRefusal()}) is answered with
	 * {@link UmamiResult.Rejected} without a request.
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
	 * Track a custom event with data, as {@link #track(UmamiEvent)} does. Never throws,
	 * whatever its arguments: data is fitted into Umami's limits as
	 * {@link UmamiEventBuilder#build()} does, and an event whose name Umami refuses
	 * (empty, over {@value UmamiEvent#MAX_NAME_LENGTH} characters, or starting with a
	 * spreadsheet formula character) is not sent but answered with
	 * {@link UmamiResult.Rejected}, counted and logged like any other result (see
	 * {@link UmamiEvent#getRefusal()}).
	 * @param name the event name, at most {@value UmamiEvent#MAX_NAME_LENGTH} characters
	 * @param data the event data, or {@code null} for none
	 */
	default void track(String name, @Nullable Map<String, ?> data) {
		track(UmamiEventLimits.buildOrRefuse(new UmamiEventBuilder(UmamiEvent.Kind.EVENT).name(name).data(data)));
	}

	/**
	 * Track a pageview, as {@link #track(UmamiEvent)} does. Never throws: a pageview
	 * without url is answered with {@link UmamiResult.Rejected}, as for
	 * {@link #track(String, Map)}.
	 * @param url the page's path and query
	 * @param title the page title, or {@code null}
	 */
	default void trackPageview(String url, @Nullable String title) {
		track(UmamiEventLimits.buildOrRefuse(new UmamiEventBuilder(UmamiEvent.Kind.PAGEVIEW).url(url).title(title)));
	}

	/**
	 * Attach data to a visitor's session, keyed on a distinct id, as
	 * {@link #track(UmamiEvent)} does. Never throws: a distinct id over
	 * {@value UmamiEvent#MAX_ID_LENGTH} characters is left out and the data fitted, as
	 * {@link UmamiEventBuilder#build()} does.
	 * @param distinctId the distinct id, such as a user id, at most
	 * {@value UmamiEvent#MAX_ID_LENGTH} characters
	 * @param data the session data, or {@code null} for none
	 */
	default void identify(String distinctId, @Nullable Map<String, ?> data) {
		track(UmamiEventLimits
			.buildOrRefuse(new UmamiEventBuilder(UmamiEvent.Kind.IDENTIFY).id(distinctId).data(data)));
	}

}
