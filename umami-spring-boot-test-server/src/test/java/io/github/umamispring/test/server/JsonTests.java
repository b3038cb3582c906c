package io.github.umamispring.test.server;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Json}.
 *
 * @author umami-spring-boot contributors
 */
class JsonTests {

	@Test
	void readsObjectKeepingMemberOrderAndSource() {
		String text = "{ \"type\" : \"event\", \"payload\": {\"website\":\"w\", \"url\":\"/\"} }";
		Object value = Json.read(text);
		assertThat(value).isInstanceOf(JsonObject.class);
		JsonObject object = (JsonObject) value;
		assertThat(object.keySet()).containsExactly("type", "payload");
		assertThat(object.source()).isEqualTo(text.strip());
		assertThat(((JsonObject) object.get("payload")).source()).isEqualTo("{\"website\":\"w\", \"url\":\"/\"}");
	}

	@Test
	void readsEveryKindOfValue() {
		Object value = Json.read("[\"a\", 1, -2, 3000000000, 123456789012345678901234567890, 1.5, -2e3,"
				+ " true, false, null, {}, []]");
		assertThat(list(value)).containsExactly("a", 1, -2, 3000000000L,
				new BigInteger("123456789012345678901234567890"), 1.5, -2000.0, true, false, null, Map.of(), List.of());
	}

	@Test
	void readsEscapes() {
		assertThat(Json.read("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\ud83d\\ude00\""))
			.isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9\ud83d\ude00");
	}

	@Test
	void lastOfDuplicateMembersWins() {
		assertThat(map(Json.read("{\"a\":1,\"a\":2}"))).containsExactly(Map.entry("a", 2));
	}

	@Test
	void rejectsWhatIsNotOneJsonValue() {
		for (String text : Arrays.asList("", " ", "{not json", "{\"a\":1", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "01",
				"1.", "-", "tru", "\"unterminated", "\"bad \\x escape\"", "\"line\nbreak\"", "{} {}", "{'a':1}")) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> Json.read(text));
		}
	}

	@Test
	void writesCompactJson() {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("s", "q\"\\\n\t\u0001é");
		value.put("n", 1);
		value.put("d", 1.5);
		value.put("b", true);
		value.put("z", null);
		value.put("l", List.of(1, "x"));
		value.put("o", Map.of());
		assertThat(Json.write(value)).isEqualTo(
				"{\"s\":\"q\\\"\\\\\\n\\t\\u0001é\",\"n\":1,\"d\":1.5,\"b\":true,\"z\":null,\"l\":[1,\"x\"],\"o\":{}}");
	}

	@Test
	void writesWhatItReads() {
		String text = "{\"a\":[1,2.5,\"x\\u0000\",null,{\"b\":false}]}";
		assertThat(Json.read(Json.write(Json.read(text)))).isEqualTo(Json.read(text));
	}

	@Test
	void unmodifiableCopyIsDeep() {
		@SuppressWarnings("unchecked")
		Map<String, Object> copy = (Map<String, Object>) Json.unmodifiable(Json.read("{\"a\":{\"b\":[1,null]}}"));
		assertThat(copy).isNotInstanceOf(JsonObject.class);
		assertThat(copy.get("a")).isNotInstanceOf(JsonObject.class);
		@SuppressWarnings("unchecked")
		List<Object> list = (List<Object>) ((Map<String, Object>) copy.get("a")).get("b");
		assertThat(list).containsExactly(1, null);
		assertThatUnsupported(() -> copy.put("x", 1));
		assertThatUnsupported(() -> list.add(2));
	}

	@Test
	void namesTypesAsJavaScriptDoes() {
		assertThat(Json.typeOf(Json.read("{}"))).isEqualTo("object");
		assertThat(Json.typeOf(Json.read("[]"))).isEqualTo("array");
		assertThat(Json.typeOf(Json.read("\"\""))).isEqualTo("string");
		assertThat(Json.typeOf(Json.read("1"))).isEqualTo("number");
		assertThat(Json.typeOf(Json.read("true"))).isEqualTo("boolean");
		assertThat(Json.typeOf(Json.read("null"))).isEqualTo("null");
	}

	private static void assertThatUnsupported(Runnable change) {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(change::run);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

}
