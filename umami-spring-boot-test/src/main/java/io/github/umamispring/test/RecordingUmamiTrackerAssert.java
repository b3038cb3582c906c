package io.github.umamispring.test;

import java.util.List;
import java.util.function.Predicate;

import io.github.umamispring.UmamiEvent;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on the events a {@link RecordingUmamiTracker} recorded. Failure
 * messages list every recorded event. Obtain one with
 * {@link UmamiAssertions#assertThat(RecordingUmamiTracker)}.
 *
 * @author umami-spring-boot contributors
 */
public class RecordingUmamiTrackerAssert extends AbstractAssert<RecordingUmamiTrackerAssert, RecordingUmamiTracker> {

	RecordingUmamiTrackerAssert(RecordingUmamiTracker actual) {
		super(actual, RecordingUmamiTrackerAssert.class);
	}

	/**
	 * Verify that at least one custom event with the given name was tracked.
	 * @param name the event name
	 * @return assertions on the events with that name, to check their data, URL or count
	 */
	public TrackedEventsAssert hasTracked(String name) {
		isNotNull();
		List<UmamiEvent> events = this.actual.getEvents();
		List<UmamiEvent> matching = events.stream().filter(RecordingUmamiTracker.named(name)).toList();
		if (matching.isEmpty()) {
			failWithMessage("%s", "Expected an Umami event named \"" + name + "\" to be tracked, but "
					+ UmamiEventDescriptions.describe(events));
		}
		return new TrackedEventsAssert(matching, events, "Umami event named \"" + name + "\"");
	}

	/**
	 * Verify that at least one pageview of the given URL was tracked.
	 * @param url the page's path and query, as tracked
	 * @return assertions on the pageviews of that URL
	 */
	public TrackedEventsAssert hasTrackedPageview(String url) {
		isNotNull();
		List<UmamiEvent> events = this.actual.getEvents();
		List<UmamiEvent> matching = events.stream().filter(RecordingUmamiTracker.pageviewOf(url)).toList();
		if (matching.isEmpty()) {
			failWithMessage("%s", "Expected an Umami pageview of \"" + url + "\" to be tracked, but "
					+ UmamiEventDescriptions.describe(events));
		}
		return new TrackedEventsAssert(matching, events, "Umami pageview of \"" + url + "\"");
	}

	/**
	 * Verify that at least one identify call with the given distinct id was tracked.
	 * @param distinctId the distinct id
	 * @return assertions on those identify calls, to check their data
	 */
	public TrackedEventsAssert hasIdentified(String distinctId) {
		isNotNull();
		List<UmamiEvent> events = this.actual.getEvents();
		List<UmamiEvent> matching = events.stream()
			.filter((event) -> event.getKind() == UmamiEvent.Kind.IDENTIFY && distinctId.equals(event.getId()))
			.toList();
		if (matching.isEmpty()) {
			failWithMessage("%s", "Expected an Umami identify call for \"" + distinctId + "\" to be tracked, but "
					+ UmamiEventDescriptions.describe(events));
		}
		return new TrackedEventsAssert(matching, events, "Umami identify call for \"" + distinctId + "\"");
	}

	/**
	 * Verify that no custom event with the given name was tracked.
	 * @param name the event name
	 * @return this assertion
	 */
	public RecordingUmamiTrackerAssert hasNotTracked(String name) {
		return hasNone(RecordingUmamiTracker.named(name), "no Umami event named \"" + name + "\"");
	}

	/**
	 * Verify that no pageview of the given URL was tracked.
	 * @param url the page's path and query
	 * @return this assertion
	 */
	public RecordingUmamiTrackerAssert hasNotTrackedPageview(String url) {
		return hasNone(RecordingUmamiTracker.pageviewOf(url), "no Umami pageview of \"" + url + "\"");
	}

	/**
	 * Verify that nothing at all was tracked.
	 * @return this assertion
	 */
	public RecordingUmamiTrackerAssert hasTrackedNothing() {
		return hasNone((event) -> true, "no Umami event");
	}

	/**
	 * Verify the total number of events of any kind that were tracked.
	 * @param count the expected number of events
	 * @return this assertion
	 */
	public RecordingUmamiTrackerAssert hasTrackedExactly(int count) {
		isNotNull();
		List<UmamiEvent> events = this.actual.getEvents();
		if (events.size() != count) {
			failWithMessage("%s", "Expected exactly " + count + " Umami event(s) to be tracked, but "
					+ UmamiEventDescriptions.describe(events));
		}
		return this;
	}

	private RecordingUmamiTrackerAssert hasNone(Predicate<UmamiEvent> predicate, String description) {
		isNotNull();
		List<UmamiEvent> events = this.actual.getEvents();
		if (events.stream().anyMatch(predicate)) {
			failWithMessage("%s",
					"Expected " + description + " to be tracked, but " + UmamiEventDescriptions.describe(events));
		}
		return this;
	}

}
