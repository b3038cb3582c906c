package io.github.umamispring.delivery;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.testsupport.Json;
import io.github.umamispring.transport.UmamiRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiRequestFactory}: the exact bodies it writes, checked against
 * literals, and read back by another JSON implementation (Jackson) as the values it was
 * given.
 */
class UmamiRequestFactoryTests {

	private static final String WEBSITE = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) umami-spring-boot";

	private final UmamiRequestFactory factory = new UmamiRequestFactory(
			new UmamiEventDefaults(WEBSITE, "example.com", AGENT));

	@Test
	void writesRevenueAsNumberAndCurrencyFirstInTheData() {
		UmamiEvent event = UmamiEvent.event("checkout")
			.url("/checkout")
			.tag("variant-b")
			.data("items", 3)
			.revenue(new BigDecimal("19.99"), "eur")
			.build();
		assertThat(this.factory.createRequest(event, null).body())
			.isEqualTo("{\"type\":\"event\",\"payload\":{\"website\":\"" + WEBSITE + "\",\"hostname\":\"example.com\","
					+ "\"url\":\"/checkout\",\"name\":\"checkout\",\"tag\":\"variant-b\","
					+ "\"data\":{\"revenue\":19.99,\"currency\":\"EUR\",\"items\":3}}}");
	}

	@Test
	void writesEveryFieldInOrder() {
		UmamiEvent event = UmamiEvent.event("signup")
			.website("0f8f4ea3-5e04-4a5b-9a4c-2f1f6f1c7d11")
			.hostname("shop.example.com")
			.language("en-US")
			.referrer("https://www.google.com/")
			.screen("1920x1080")
			.title("Sign up")
			.url("/signup?plan=pro")
			.tag("beta")
			.data("plan", "pro")
			.id("user-42")
			.timestamp(Instant.parse("2026-01-02T03:04:05Z"))
			.ip("203.0.113.7")
			.userAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/126.0")
			.build();
		UmamiRequest request = this.factory.createRequest(event, "token");
		assertThat(request.body()).isEqualTo("{\"type\":\"event\",\"payload\":{"
				+ "\"website\":\"0f8f4ea3-5e04-4a5b-9a4c-2f1f6f1c7d11\",\"hostname\":\"shop.example.com\","
				+ "\"language\":\"en-US\",\"referrer\":\"https://www.google.com/\",\"screen\":\"1920x1080\","
				+ "\"title\":\"Sign up\",\"url\":\"/signup?plan=pro\",\"name\":\"signup\",\"tag\":\"beta\","
				+ "\"data\":{\"plan\":\"pro\"},\"id\":\"user-42\",\"timestamp\":1767323045,"
				+ "\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/126.0\"}}");
		assertThat(request.userAgent()).isEqualTo("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/126.0");
		assertThat(request.cacheToken()).isEqualTo("token");
	}

	@Test
	void leavesOutAbsentFieldsAndFillsInDefaults() {
		UmamiRequest request = this.factory.createRequest(UmamiEvent.pageview("/").build(), null);
		assertThat(request.body()).isEqualTo("{\"type\":\"event\",\"payload\":{\"website\":\"" + WEBSITE
				+ "\",\"hostname\":\"example.com\",\"url\":\"/\"}}");
		assertThat(request.userAgent()).isEqualTo(AGENT);
		assertThat(request.cacheToken()).isNull();
	}

	@Test
	void writesIdentify() {
		UmamiRequest request = this.factory.createRequest(UmamiEvent.identify("user-42").data("plan", "pro").build(),
				null);
		assertThat(request.body()).isEqualTo("{\"type\":\"identify\",\"payload\":{\"website\":\"" + WEBSITE
				+ "\",\"hostname\":\"example.com\",\"data\":{\"plan\":\"pro\"},\"id\":\"user-42\"}}");
	}

	@Test
	void writesNoPayloadMembersWhenNothingIsSet() {
		UmamiRequestFactory bare = new UmamiRequestFactory(new UmamiEventDefaults(null, null, AGENT));
		assertThat(bare.createRequest(UmamiEvent.identify(null).build(), null).body())
			.isEqualTo("{\"type\":\"identify\",\"payload\":{}}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "", "quote \" and backslash \\", "slash / stays", "line\nbreak\r\ttab", "\b\f",
			"\u0000\u0001\u001f control", "\u007f\u0085\u009f C1", "caf\u00e9 \u2028 \uD83D\uDE00", "</script>",
			"\"\"\\\\\"" })
	void escapesStringsSoThatAJsonParserReadsThemBack(String value) {
		UmamiEvent event = UmamiEvent.event("escape").title(value).data("value", value).build();
		assertThat(Json.parseMap(this.factory.createRequest(event, null).body())).isEqualTo(expected(event));
	}

	@Test
	void escapesQuotesBackslashesAndControlCharacters() {
		UmamiEvent event = UmamiEvent.event("escape").title("q\"b\\n\nt\t\u0001\u0085/\u00e9").build();
		assertThat(this.factory.createRequest(event, null).body())
			.contains("\"title\":\"q\\\"b\\\\n\\nt\\t\\u0001\\u0085/\u00e9\"");
	}

	@Test
	void writesDataSoThatAJsonParserReadsItBack() {
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("sku", "A-1");
		nested.put("tags", List.of("new", "sale"));
		nested.put("empty", Map.of());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("int", 42);
		data.put("long", -7L);
		data.put("double", 1.5);
		data.put("decimal", new BigDecimal("1E+3"));
		data.put("flag", true);
		data.put("none", null);
		data.put("list", Arrays.asList(1, null, "two", List.of()));
		data.put("item", nested);
		data.put("key \"quoted\"", "v");
		UmamiEvent event = UmamiEvent.event("purchase").data(data).build();
		assertThat(Json.parseMap(this.factory.createRequest(event, null).body())).isEqualTo(expected(event));
	}

	@Test
	void writesBatchAsArrayOfBodies() {
		UmamiEvent first = UmamiEvent.event("a").ip("203.0.113.1").userAgent("Agent One").build();
		UmamiEvent second = UmamiEvent.pageview("/b").data("x", 1).build();
		UmamiRequest batch = this.factory.createBatchRequest(List.of(first, second), null);
		assertThat(batch.body()).isEqualTo("[" + this.factory.createRequest(first, null).body() + ","
				+ this.factory.createRequest(second, null).body() + "]");
		assertThat(Json.parseList(batch.body()))
			.isEqualTo(Json.parseList(Json.write(List.of(body(first), body(second)))));
		assertThat(batch.userAgent()).isEqualTo(AGENT);
	}

	@Test
	void writesBatchOfOne() {
		UmamiEvent event = UmamiEvent.event("a").build();
		assertThat(this.factory.createBatchRequest(List.of(event), "token").body())
			.isEqualTo("[" + this.factory.createRequest(event, null).body() + "]");
	}

	private Map<String, Object> expected(UmamiEvent event) {
		return Json.parseMap(Json.write(body(event)));
	}

	/**
	 * The body as maps, for Jackson to write; only the fields these tests set.
	 */
	private Map<String, Object> body(UmamiEvent event) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("website", WEBSITE);
		payload.put("hostname", "example.com");
		putIfSet(payload, "title", event.getTitle());
		putIfSet(payload, "url", event.getUrl());
		putIfSet(payload, "name", event.getName());
		if (!event.getData().isEmpty()) {
			payload.put("data", event.getData());
		}
		putIfSet(payload, "ip", event.getIp());
		putIfSet(payload, "userAgent", event.getUserAgent());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", event.getKind().getPayloadType());
		body.put("payload", payload);
		return body;
	}

	private static void putIfSet(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
