package io.github.umamispring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link UmamiEvent}.
 */
class UmamiEventTests {

	@Test
	void buildsCustomEventWithEveryField() {
		Instant when = Instant.parse("2026-01-02T03:04:05Z");
		UmamiEvent event = UmamiEvent.event("signup")
			.website("51499dbe-116f-42b4-9a2e-dfcfc230677f")
			.hostname("example.com")
			.language("en-US")
			.referrer("https://www.google.com/")
			.screen("1920x1080")
			.title("Sign up")
			.url("/signup?plan=pro")
			.tag("beta")
			.data(Map.of("plan", "pro"))
			.id("user-42")
			.timestamp(when)
			.ip("81.2.69.160")
			.userAgent("Mozilla/5.0")
			.build();
		assertThat(event.getKind()).isEqualTo(UmamiEvent.Kind.EVENT);
		assertThat(event.getKind().getPayloadType()).isEqualTo("event");
		assertThat(event.getName()).isEqualTo("signup");
		assertThat(event.getTag()).isEqualTo("beta");
		assertThat(event.getTimestamp()).isEqualTo(when);
		assertThat(event.toBuilder().build()).isEqualTo(event).hasSameHashCodeAs(event);
	}

	@Test
	void pageviewIsSentAsAnEventWithoutName() {
		UmamiEvent event = UmamiEvent.pageview("/home").build();
		assertThat(event.getKind()).isEqualTo(UmamiEvent.Kind.PAGEVIEW);
		assertThat(event.getKind().getPayloadType()).isEqualTo("event");
		assertThat(event.getName()).isNull();
	}

	@Test
	void refusesPageviewWithName() {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiEvent.pageview("/home").name("click").build())
			.withMessageContaining("pageview has no 'name'")
			.withMessageContaining("UmamiEvent.event(name)");
	}

	@Test
	void refusesCustomEventWhoseNameWasRemoved() {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiEvent.event("click").name(null).build())
			.withMessageContaining("custom event needs a 'name'");
	}

	@Test
	void toBuilderKeepsTheKind() {
		UmamiEvent pageview = UmamiEvent.pageview("/home").build();
		assertThat(pageview.toBuilder().title("Home").build().getKind()).isEqualTo(UmamiEvent.Kind.PAGEVIEW);
	}

	@Test
	void identifyHasItsOwnType() {
		UmamiEvent event = UmamiEvent.identify("user-42").data(Map.of("plan", "pro")).build();
		assertThat(event.getKind()).isEqualTo(UmamiEvent.Kind.IDENTIFY);
		assertThat(event.getKind().getPayloadType()).isEqualTo("identify");
	}

	@Test
	void requestSetsRequestFieldsAndKeepsOthers() {
		UmamiVisitor request = new UmamiVisitor("shop.example.com", "/cart?x=1", "https://ref.example/", "de-DE",
				"Mozilla/5.0 (X11)", "81.2.69.160");
		UmamiEvent event = UmamiEvent.event("checkout").hostname("ignored").title("Cart").visitor(request).build();
		assertThat(event.getHostname()).isEqualTo("shop.example.com");
		assertThat(event.getUrl()).isEqualTo("/cart?x=1");
		assertThat(event.getReferrer()).isEqualTo("https://ref.example/");
		assertThat(event.getLanguage()).isEqualTo("de-DE");
		assertThat(event.getUserAgent()).isEqualTo("Mozilla/5.0 (X11)");
		assertThat(event.getIp()).isEqualTo("81.2.69.160");
		assertThat(event.getTitle()).isEqualTo("Cart");
	}

	@Test
	void refusesNameOverFiftyCharacters() {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiEvent.event("x".repeat(51)).build())
			.withMessageContaining("name")
			.withMessageContaining("51 characters")
			.withMessageContaining("at most 50");
		assertThat(UmamiEvent.event("x".repeat(50)).build().getName()).hasSize(50);
	}

	@ParameterizedTest
	@ValueSource(strings = { "=cmd", "+1", "-x", "@sum", "\tname", "\rname" })
	void refusesNameStartingWithFormulaCharacter(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiEvent.event(name).build())
			.withMessageContaining("starts with")
			.withMessageContaining("= + - @, TAB or CR");
	}

	@Test
	void refusesTagOverFiftyCharactersOrWithFormulaPrefix() {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiEvent.event("e").tag("t".repeat(51)).build())
			.withMessageContaining("tag");
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiEvent.event("e").tag("=t").build())
			.withMessageContaining("tag");
	}

	@Test
	void refusesPageviewWithoutUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiEvent.pageview("/").url(null).build())
			.withMessageContaining("url");
	}

	@Test
	void writesDatesInTheFormUmamiStoresAsDates() {
		Instant instant = Instant.parse("2024-01-01T00:00:00Z");
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("instant", instant);
		data.put("offset", OffsetDateTime.of(2024, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2)));
		data.put("zoned", ZonedDateTime.of(2023, 12, 31, 19, 0, 0, 0, ZoneId.of("America/New_York")));
		data.put("date", Date.from(instant.plusMillis(123)));
		data.put("local", LocalDate.of(2024, 1, 1));
		assertThat(UmamiEvent.event("e").data(data).build().getData())
			.containsEntry("instant", "2024-01-01T00:00:00.000Z")
			.containsEntry("offset", "2024-01-01T00:00:00.000Z")
			.containsEntry("zoned", "2024-01-01T00:00:00.000Z")
			.containsEntry("date", "2024-01-01T00:00:00.123Z")
			.containsEntry("local", "2024-01-01");
	}

	@Test
	void writesRecordsArraysEnumsAndNestedMapsAsJsonValues() {
		record Plan(String name, int seats, Instant renews) {
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("plan", new Plan("pro", 5, Instant.parse("2025-06-01T12:00:00Z")));
		data.put("ids", new int[] { 1, 2 });
		data.put("type", UmamiEvent.Kind.IDENTIFY);
		data.put("nested", Map.of("k", List.of("a")));
		data.put("missing", null);
		Map<String, Object> normalized = UmamiEvent.event("e").data(data).build().getData();
		assertThat(normalized.get("plan"))
			.isEqualTo(Map.of("name", "pro", "seats", 5, "renews", "2025-06-01T12:00:00.000Z"));
		assertThat(normalized.get("ids")).isEqualTo(List.of(1, 2));
		assertThat(normalized.get("type")).isEqualTo("IDENTIFY");
		assertThat(normalized.get("nested")).isEqualTo(Map.of("k", List.of("a")));
		assertThat(normalized).containsEntry("missing", null);
	}

	@Test
	void dataIsACopyThatCannotBeChangedAfterwards() {
		Map<String, Object> data = new LinkedHashMap<>(Map.of("plan", "pro"));
		UmamiEvent event = UmamiEvent.event("e").data(data).build();
		data.put("plan", "free");
		assertThat(event.getData()).containsEntry("plan", "pro");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> event.getData().put("plan", "free"));
	}

	@Test
	void refusesEmptyName() {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiEvent.event(""))
			.withMessageContaining("'name' must not be empty");
	}

	@Test
	void toStringWithholdsTheVisitor() {
		UmamiEvent event = UmamiEvent.identify("user-42").ip("203.0.113.7").userAgent("Mozilla/5.0 Chrome").build();
		assertThat(event.toString()).contains("id=(withheld)").doesNotContain("user-42", "203.0.113.7", "Chrome");
	}

}
