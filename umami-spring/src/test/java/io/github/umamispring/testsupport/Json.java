package io.github.umamispring.testsupport;

import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes JSON in tests, with Jackson: the library's tests run without Spring
 * Boot's JSON support.
 */
public final class Json {

	/**
	 * Whole numbers read as {@code Long}, as Umami's JSON numbers are compared.
	 */
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_LONG_FOR_INTS)
		.build();

	private Json() {
	}

	public static Map<String, Object> parseMap(String json) {
		return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
		});
	}

	public static List<Object> parseList(String json) {
		return MAPPER.readValue(json, new TypeReference<List<Object>>() {
		});
	}

	public static String write(Object value) {
		return MAPPER.writeValueAsString(value);
	}

}
