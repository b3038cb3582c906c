package io.github.umamispring.test;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.umamispring.UmamiEvent;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on the recorded events that matched a
 * {@link RecordingUmamiTrackerAssert} check, such as every event named {@code signup}.
 * Each {@code with...} method keeps the events that match it, so checks can be chained:
 * {@code hasTracked("purchase").withData("plan", "pro").withData("amount", 49)} passes
 * when one event has both.
 *
 * @author umami-spring-boot contributors
 */
public class TrackedEventsAssert extends AbstractAssert<TrackedEventsAssert, List<UmamiEvent>> {

	private final List<UmamiEvent> recorded;

	private final String description;

	TrackedEventsAssert(List<UmamiEvent> matching, List<UmamiEvent> recorded, String description) {
		super(matching, TrackedEventsAssert.class);
		this.recorded = recorded;
		this.description = description;
	}

	/**
	 * Keep the events whose data holds the given value under the given key. Values are
	 * compared as they are sent to Umami: numbers by value ({@code 49} equals {@code 49L}
	 * and {@code 49.0}), enums by name, dates in Umami's date format; a dotted key such
	 * as {@code order.total} finds a nested value.
	 * @param key the data key
	 * @param value the expected value
	 * @return assertions on the matching events
	 */
	public TrackedEventsAssert withData(String key, @Nullable Object value) {
		return narrow((event) -> UmamiEventDescriptions.hasData(event, key, value),
				"with data " + key + "=" + quoted(value));
	}

	/**
	 * Keep the events whose data holds every entry of the given map (and possibly more).
	 * @param data the expected entries
	 * @return assertions on the matching events
	 */
	public TrackedEventsAssert withData(Map<String, ?> data) {
		return narrow(
				(event) -> data.entrySet()
					.stream()
					.allMatch((entry) -> UmamiEventDescriptions.hasData(event, entry.getKey(), entry.getValue())),
				"with data containing " + data);
	}

	/**
	 * Keep the events tracked for the given URL.
	 * @param url the page's path and query
	 * @return assertions on the matching events
	 */
	public TrackedEventsAssert withUrl(String url) {
		return withField("url", UmamiEvent::getUrl, url);
	}

	/**
	 * Keep the events with the given page title.
	 * @param title the title
	 * @return assertions on the matching events
	 */
	public TrackedEventsAssert withTitle(String title) {
		return withField("title", UmamiEvent::getTitle, title);
	}

	/**
	 * Keep the events with the given tag.
	 * @param tag the tag
	 * @return assertions on the matching events
	 */
	public TrackedEventsAssert withTag(String tag) {
		return withField("tag", UmamiEvent::getTag, tag);
	}

	/**
	 * Keep the events sent with the given visitor User-Agent.
	 * @param userAgent the User-Agent
	 * @return assertions on the matching events
	 */
	public TrackedEventsAssert withUserAgent(String userAgent) {
		return withField("userAgent", UmamiEvent::getUserAgent, userAgent);
	}

	/**
	 * Keep the events sent with the given visitor IP address.
	 * @param ip the IP address
	 * @return assertions on the matching events
	 */
	public TrackedEventsAssert withIp(String ip) {
		return withField("ip", UmamiEvent::getIp, ip);
	}

	/**
	 * Verify how many of the events matched so far were tracked.
	 * @param count the expected number
	 * @return this assertion
	 */
	public TrackedEventsAssert times(int count) {
		if (this.actual.size() != count) {
			failWithMessage("%s",
					"Expected an " + this.description + " to be tracked exactly " + count
							+ " time(s), but it was tracked " + this.actual.size() + " time(s); "
							+ UmamiEventDescriptions.describe(this.recorded));
		}
		return this;
	}

	private TrackedEventsAssert withField(String field, Function<UmamiEvent, @Nullable String> getter,
			String expected) {
		return narrow((event) -> Objects.equals(getter.apply(event), expected),
				"with " + field + "=" + quoted(expected));
	}

	private TrackedEventsAssert narrow(Predicate<UmamiEvent> predicate, String condition) {
		List<UmamiEvent> matching = this.actual.stream().filter(predicate).toList();
		String narrowed = this.description + " " + condition;
		if (matching.isEmpty()) {
			failWithMessage("%s", "Expected an " + narrowed + " to be tracked, but none matched; "
					+ UmamiEventDescriptions.describe(this.recorded));
		}
		return new TrackedEventsAssert(matching, this.recorded, narrowed);
	}

	private static String quoted(@Nullable Object value) {
		return (value instanceof CharSequence) ? "\"" + value + "\"" : String.valueOf(value);
	}

}
