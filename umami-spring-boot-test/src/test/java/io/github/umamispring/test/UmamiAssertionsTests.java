package io.github.umamispring.test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.umamispring.UmamiEvent;
import org.junit.jupiter.api.Test;

import static io.github.umamispring.test.UmamiAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link UmamiAssertions}, {@link RecordingUmamiTrackerAssert} and
 * {@link TrackedEventsAssert}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiAssertionsTests {

	private final RecordingUmamiTracker tracker = new RecordingUmamiTracker();

	@Test
	void hasTrackedPassesWhenEventWithNameWasTracked() {
		this.tracker.track(UmamiEvent.event("signup").build());
		assertThatNoException().isThrownBy(() -> assertThat(this.tracker).hasTracked("signup"));
	}

	@Test
	void hasTrackedFailsListingRecordedEvents() {
		this.tracker.track(UmamiEvent.event("login").data("method", "sso").build());
		this.tracker.track(UmamiEvent.pageview("/pricing").title("Pricing").build());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.tracker).hasTracked("signup"))
			.withMessage(String.format("Expected an Umami event named \"signup\" to be tracked, but 2 events were"
					+ " recorded:%n  event \"login\" data={method=sso}%n  pageview url=\"/pricing\" title=\"Pricing\""));
	}

	@Test
	void hasTrackedFailsWhenNothingWasRecorded() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.tracker).hasTracked("signup"))
			.withMessage("Expected an Umami event named \"signup\" to be tracked, but no event was recorded");
	}

	@Test
	void hasTrackedDoesNotMatchPageviewOfPathWithThatName() {
		this.tracker.track(UmamiEvent.pageview("signup").build());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.tracker).hasTracked("signup"));
	}

	@Test
	void withDataPassesWhenOneEventHasTheValue() {
		this.tracker.track(UmamiEvent.event("signup").data("plan", "free").build());
		this.tracker.track(UmamiEvent.event("signup").data("plan", "pro").build());
		assertThatNoException()
			.isThrownBy(() -> assertThat(this.tracker).hasTracked("signup").withData("plan", "pro").times(1));
	}

	@Test
	void withDataFailsListingEventsWithName() {
		this.tracker.track(UmamiEvent.event("signup").data("plan", "free").build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.tracker).hasTracked("signup").withData("plan", "pro"))
			.withMessage(String.format("Expected an Umami event named \"signup\" with data plan=\"pro\" to be tracked,"
					+ " but none matched; 1 event was recorded:%n  event \"signup\" data={plan=free}"));
	}

	@Test
	void chainedWithDataRequiresOneEventWithAllValues() {
		this.tracker.track(UmamiEvent.event("purchase").data("plan", "pro").data("amount", 10).build());
		this.tracker.track(UmamiEvent.event("purchase").data("plan", "free").data("amount", 49).build());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(
				() -> assertThat(this.tracker).hasTracked("purchase").withData("plan", "pro").withData("amount", 49))
			.withMessageStartingWith("Expected an Umami event named \"purchase\" with data plan=\"pro\" with data"
					+ " amount=49 to be tracked, but none matched");
		assertThatNoException().isThrownBy(
				() -> assertThat(this.tracker).hasTracked("purchase").withData("plan", "free").withData("amount", 49));
	}

	@Test
	void withDataComparesNumbersByValue() {
		this.tracker.track(UmamiEvent.event("purchase").data("amount", 49L).data("tax", 9.5).build());
		assertThatNoException().isThrownBy(() -> assertThat(this.tracker).hasTracked("purchase")
			.withData("amount", 49)
			.withData("amount", 49.0)
			.withData("tax", new java.math.BigDecimal("9.50")));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.tracker).hasTracked("purchase").withData("amount", 50));
	}

	@Test
	void withDataComparesValuesAsTheyAreSent() {
		Instant when = Instant.parse("2026-01-02T03:04:05Z");
		this.tracker.track(UmamiEvent.event("renewal").data("at", when).data("plan", Plan.PRO).build());
		assertThatNoException().isThrownBy(() -> assertThat(this.tracker).hasTracked("renewal")
			.withData("at", when)
			.withData("at", "2026-01-02T03:04:05.000Z")
			.withData("plan", Plan.PRO)
			.withData("plan", "PRO"));
	}

	@Test
	void withDataFindsNestedValueByDottedKey() {
		this.tracker
			.track(UmamiEvent.event("purchase").data("order", Map.of("total", 99, "items", List.of("a"))).build());
		assertThatNoException().isThrownBy(() -> assertThat(this.tracker).hasTracked("purchase")
			.withData("order.total", 99)
			.withData("order.items", List.of("a")));
	}

	@Test
	void withDataDistinguishesMissingKeyFromNullValue() {
		this.tracker.track(UmamiEvent.event("signup").data("coupon", null).build());
		assertThatNoException()
			.isThrownBy(() -> assertThat(this.tracker).hasTracked("signup").withData("coupon", null));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.tracker).hasTracked("signup").withData("referrer", null));
	}

	@Test
	void withDataMapRequiresEveryEntry() {
		this.tracker.track(UmamiEvent.event("signup").data(Map.of("plan", "pro", "seats", 3)).build());
		assertThatNoException()
			.isThrownBy(() -> assertThat(this.tracker).hasTracked("signup").withData(Map.of("plan", "pro")));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(
				() -> assertThat(this.tracker).hasTracked("signup").withData(Map.of("plan", "pro", "seats", 4)));
	}

	@Test
	void withFieldAssertionsNarrowByField() {
		this.tracker.track(UmamiEvent.event("signup")
			.url("/signup?ref=ad")
			.title("Sign up")
			.tag("b")
			.userAgent("Mozilla/5.0")
			.ip("203.0.113.7")
			.build());
		assertThatNoException().isThrownBy(() -> assertThat(this.tracker).hasTracked("signup")
			.withUrl("/signup?ref=ad")
			.withTitle("Sign up")
			.withTag("b")
			.withUserAgent("Mozilla/5.0")
			.withIp("203.0.113.7"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.tracker).hasTracked("signup").withTag("a"))
			.withMessageStartingWith("Expected an Umami event named \"signup\" with tag=\"a\" to be tracked");
	}

	@Test
	void timesFailsWithActualCount() {
		this.tracker.track(UmamiEvent.event("signup").build());
		this.tracker.track(UmamiEvent.event("signup").build());
		assertThatNoException().isThrownBy(() -> assertThat(this.tracker).hasTracked("signup").times(2));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.tracker).hasTracked("signup").times(1))
			.withMessageStartingWith(
					"Expected an Umami event named \"signup\" to be tracked exactly 1 time(s), but it was tracked 2"
							+ " time(s); 2 events were recorded:");
	}

	@Test
	void hasTrackedPageviewMatchesPageviewsOnly() {
		this.tracker.track(UmamiEvent.event("click").url("/pricing").build());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.tracker).hasTrackedPageview("/pricing"))
			.withMessage(String.format("Expected an Umami pageview of \"/pricing\" to be tracked, but 1 event was"
					+ " recorded:%n  event \"click\" url=\"/pricing\""));
		this.tracker.track(UmamiEvent.pageview("/pricing").title("Pricing").build());
		assertThatNoException()
			.isThrownBy(() -> assertThat(this.tracker).hasTrackedPageview("/pricing").withTitle("Pricing"));
	}

	@Test
	void hasIdentifiedMatchesIdentifyCallsWithDistinctId() {
		this.tracker.track(UmamiEvent.identify("user-7").data("plan", "pro").build());
		assertThatNoException()
			.isThrownBy(() -> assertThat(this.tracker).hasIdentified("user-7").withData("plan", "pro"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.tracker).hasIdentified("user-8"))
			.withMessageContaining(
					"Expected an Umami identify call for \"user-8\" to be tracked, but 1 event was" + " recorded:")
			.withMessageContaining("identify id=\"user-7\" data={plan=pro}");
	}

	@Test
	void hasNotTrackedFailsWhenEventWasTracked() {
		this.tracker.track(UmamiEvent.event("purchase").build());
		assertThatNoException().isThrownBy(() -> assertThat(this.tracker).hasNotTracked("signup"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.tracker).hasNotTracked("purchase"))
			.withMessage(String
				.format("Expected no Umami event named \"purchase\" to be tracked, but 1 event was recorded:%n  event"
						+ " \"purchase\""));
	}

	@Test
	void hasNotTrackedPageviewFailsWhenPageviewWasTracked() {
		this.tracker.track(UmamiEvent.pageview("/admin").build());
		assertThatNoException().isThrownBy(() -> assertThat(this.tracker).hasNotTrackedPageview("/"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.tracker).hasNotTrackedPageview("/admin"))
			.withMessageStartingWith(
					"Expected no Umami pageview of \"/admin\" to be tracked, but 1 event was recorded");
	}

	@Test
	void hasTrackedNothingFailsWhenAnythingWasTracked() {
		assertThatNoException().isThrownBy(() -> assertThat(this.tracker).hasTrackedNothing());
		this.tracker.track(UmamiEvent.pageview("/").build());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.tracker).hasTrackedNothing())
			.withMessage(String
				.format("Expected no Umami event to be tracked, but 1 event was recorded:%n  pageview url=\"/\""));
	}

	@Test
	void hasTrackedExactlyCountsEveryEvent() {
		this.tracker.track(UmamiEvent.event("signup").build());
		this.tracker.track(UmamiEvent.pageview("/").build());
		assertThatNoException().isThrownBy(() -> assertThat(this.tracker).hasTrackedExactly(2));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.tracker).hasTrackedExactly(1))
			.withMessage(String.format("Expected exactly 1 Umami event(s) to be tracked, but 2 events were recorded:%n"
					+ "  event \"signup\"%n  pageview url=\"/\""));
	}

	@Test
	void assertJAssertThatOffersTheAssertions() {
		this.tracker.track(UmamiEvent.event("signup").data("plan", "pro").build());
		assertThatNoException().isThrownBy(() -> org.assertj.core.api.Assertions.assertThat(this.tracker)
			.hasTracked("signup")
			.withData("plan", "pro"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> org.assertj.core.api.Assertions.assertThat(this.tracker).hasNotTracked("signup"));
	}

	enum Plan {

		FREE, PRO

	}

}
