package io.github.umamispring;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.github.umamispring.internal.LeftOutData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiEventData}: data is written as JSON values, never as a value's
 * {@code toString()}.
 */
class UmamiEventDataTests {

	@Test
	void writesScalarsOfEveryDocumentedType() throws Exception {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("char", 'x');
		data.put("builder", new StringBuilder("sb"));
		data.put("decimal", new BigDecimal("1.50"));
		data.put("counter", new AtomicLong(3));
		data.put("day", DayOfWeek.MONDAY);
		data.put("uuid", UUID.fromString("51499dbe-116f-42b4-9a2e-dfcfc230677f"));
		data.put("uri", URI.create("https://example.com/a?b=c"));
		data.put("url", new URL("https://example.com/x"));
		data.put("locale", Locale.forLanguageTag("de-CH"));
		data.put("zone", ZoneId.of("Europe/Zurich"));
		assertThat(build(data).getData()).containsEntry("char", "x")
			.containsEntry("builder", "sb")
			.containsEntry("decimal", new BigDecimal("1.50"))
			.containsEntry("counter", 3L)
			.containsEntry("day", "MONDAY")
			.containsEntry("uuid", "51499dbe-116f-42b4-9a2e-dfcfc230677f")
			.containsEntry("uri", "https://example.com/a?b=c")
			.containsEntry("url", "https://example.com/x")
			.containsEntry("locale", "de-CH")
			.containsEntry("zone", "Europe/Zurich");
	}

	@Test
	void writesDatesAndTimesAsIso8601AndInstantsInTheFormUmamiStoresAsDates() {
		Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
		calendar.setTimeInMillis(Instant.parse("2024-01-01T00:00:00.250Z").toEpochMilli());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("sql", new java.sql.Date(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli()));
		data.put("calendar", calendar);
		data.put("dateTime", LocalDateTime.of(2024, 1, 1, 12, 30));
		data.put("time", LocalTime.of(8, 15));
		data.put("day", LocalDate.of(2024, 2, 29));
		data.put("duration", Duration.ofMinutes(90));
		data.put("year", Year.of(2024));
		assertThat(build(data).getData()).containsEntry("sql", "2024-01-01T00:00:00.000Z")
			.containsEntry("calendar", "2024-01-01T00:00:00.250Z")
			.containsEntry("dateTime", "2024-01-01T12:30:00")
			.containsEntry("time", "08:15:00")
			.containsEntry("day", "2024-02-29")
			.containsEntry("duration", "PT1H30M")
			.containsEntry("year", "2024");
	}

	@Test
	void writesOptionalsAsTheirValueOrNull() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("present", Optional.of(List.of(Optional.of("a"))));
		data.put("empty", Optional.empty());
		data.put("number", OptionalInt.of(7));
		assertThat(build(data).getData()).containsEntry("present", List.of("a"))
			.containsEntry("empty", null)
			.containsEntry("number", 7);
	}

	@Test
	void leavesOutAnObjectThatIsNoJsonValueNamingItsKeyAndTypeNeverItsValue() {
		Customer customer = new Customer("bob@example.com");
		UmamiEvent event = build(Map.of("customer", customer, "plan", "pro"));
		assertThat(event.getData()).containsOnlyKeys("plan");
		assertThat(event.getAdjustments()).singleElement().satisfies((adjustment) -> {
			assertThat(adjustment.field()).isEqualTo("data");
			assertThat(adjustment.description()).startsWith("'customer' left out: " + Customer.class.getName())
				.doesNotContain("bob@example.com");
			assertThat(LeftOutData.path(adjustment)).isEqualTo("customer");
		});
		assertThat(customer.toStringCalls).isZero();
	}

	@Test
	void leavesOutAnObjectNestedInARecordAListOrAMap() {
		record Order(String id, Customer customer) {
		}
		Customer customer = new Customer("bob@example.com");
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("order", new Order("o-1", customer));
		data.put("buyers", List.of(customer, "guest"));
		data.put("by", Map.of("eve", customer));
		UmamiEvent event = build(data);
		assertThat(event.getData()).containsEntry("order", Map.of("id", "o-1"))
			.containsEntry("buyers", List.of("guest"))
			.containsEntry("by", Map.of());
		assertThat(event.getAdjustments()).extracting(LeftOutData::path)
			.containsExactly("order.customer", "buyers", "by.eve");
		assertThat(customer.toStringCalls).isZero();
	}

	@Test
	void leavesOutIterablesThatAreNoCollection() {
		UmamiEvent event = build(Map.of("path", Path.of("a", "b")));
		assertThat(event.getData()).isEmpty();
		assertThat(event.getAdjustments()).extracting(LeftOutData::path).containsExactly("path");
	}

	@Test
	void leavesOutOnlyTheComponentWhoseAccessorFails() {
		UmamiEvent event = build(Map.of("account", new Account("pro", "bob@example.com")));
		assertThat(event.getData()).containsEntry("account", Map.of("plan", "pro"));
		assertThat(event.getAdjustments()).singleElement()
			.extracting(UmamiAdjustment::description)
			.isEqualTo("'account.email' left out: its accessor failed with java.lang.StackOverflowError");
	}

	@Test
	void leavesOutAValueThatContainsItself() {
		List<Object> list = new ArrayList<>();
		list.add("a");
		list.add(list);
		UmamiEvent event = build(Map.of("list", list));
		assertThat(event.getData()).containsEntry("list", List.of("a"));
		assertThat(event.getAdjustments()).singleElement()
			.extracting(UmamiAdjustment::description)
			.asString()
			.contains("'list' left out: ", "contains itself");
	}

	@Test
	void leavesOutACollectionWhoseIterationFails() {
		List<String> failing = new ArrayList<>(List.of("a")) {

			@Override
			public java.util.Iterator<String> iterator() {
				throw new IllegalStateException("not loaded");
			}

		};
		UmamiEvent event = build(Map.of("items", failing, "plan", "pro"));
		assertThat(event.getData()).containsOnlyKeys("plan");
		assertThat(event.getAdjustments()).singleElement()
			.extracting(UmamiAdjustment::description)
			.isEqualTo("'items' left out: reading it failed with java.lang.IllegalStateException");
	}

	@Test
	void writesKeysOfSimpleTypesAndLeavesOutOtherKeys() {
		Map<Object, Object> data = new LinkedHashMap<>();
		data.put(DayOfWeek.FRIDAY, 1);
		data.put(2, "two");
		data.put(new Customer("eve@example.com"), "x");
		@SuppressWarnings("unchecked")
		UmamiEvent event = UmamiEvent.event("e").data((Map<String, ?>) (Map<?, ?>) data).build();
		assertThat(event.getData()).containsExactly(Map.entry("FRIDAY", 1), Map.entry("2", "two"));
		assertThat(event.getAdjustments()).singleElement()
			.extracting(UmamiAdjustment::description)
			.asString()
			.contains("a key of type " + Customer.class.getName())
			.doesNotContain("eve@example.com");
	}

	@Test
	void dataOfOnePropertyKeepsWhatWasLeftOutBefore() {
		UmamiEvent event = UmamiEvent.event("e")
			.data("customer", new Customer("bob@example.com"))
			.data("plan", "pro")
			.build();
		assertThat(event.getData()).containsOnlyKeys("plan");
		assertThat(event.getAdjustments()).extracting(LeftOutData::path).containsExactly("customer");
	}

	private static UmamiEvent build(Map<String, ?> data) {
		return UmamiEvent.event("e").data(data).build();
	}

	/**
	 * An entity as applications write them: its {@code toString()} holds personal data.
	 */
	static final class Customer {

		private final String email;

		int toStringCalls;

		Customer(String email) {
			this.email = email;
		}

		public String getEmail() {
			return this.email;
		}

		@Override
		public String toString() {
			this.toStringCalls++;
			return "Customer[email=" + this.email + "]";
		}

	}

	/**
	 * A record with an accessor that recurses without end.
	 */
	record Account(String plan, String email) {

		@Override
		public String email() {
			return email();
		}

	}

}
