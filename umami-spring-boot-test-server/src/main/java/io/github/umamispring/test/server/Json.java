package io.github.umamispring.test.server;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A small JSON reader and writer, so that the mock server depends on no JSON library
 * (applications on Spring Boot 3.5 and 4 bring different Jackson generations).
 * <p>
 * Objects are read as {@link JsonObject}, which keeps the exact text it was read from;
 * arrays as {@link List}; integers as {@link Integer}, {@link Long} or
 * {@link BigInteger}, whichever holds them; other numbers as {@link Double}.
 *
 * @author umami-spring-boot contributors
 * @see JsonReader
 * @see JsonWriter
 */
final class Json {

	private Json() {
	}

	/**
	 * Read a JSON document.
	 * @param text the JSON text
	 * @return the value: a {@link JsonObject}, a {@link List}, a {@link String}, a
	 * {@link Number}, a {@link Boolean} or {@code null}
	 * @throws IllegalArgumentException if the text is not a single JSON value
	 */
	static @Nullable Object read(String text) {
		return JsonReader.read(text);
	}

	/**
	 * Write a value as compact JSON.
	 * @param value a {@link Map} with string keys, an {@link Iterable}, a
	 * {@link CharSequence}, a {@link Number}, a {@link Boolean} or {@code null}
	 * @return the JSON text
	 */
	static String write(@Nullable Object value) {
		return JsonWriter.write(value);
	}

	/**
	 * Return a deeply unmodifiable copy of a value read by {@link #read(String)}, with
	 * plain maps and lists.
	 * @param value the value
	 * @return the copy
	 */
	static @Nullable Object unmodifiable(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> copy = new LinkedHashMap<>();
			map.forEach((key, element) -> copy.put(String.valueOf(key), unmodifiable(element)));
			return Collections.unmodifiableMap(copy);
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> copy = new ArrayList<>(list.size());
			list.forEach((element) -> copy.add(unmodifiable(element)));
			return Collections.unmodifiableList(copy);
		}
		return value;
	}

	/**
	 * Return the JavaScript type name of a value, as Umami's validation errors name it.
	 * @param value the value, as read by {@link #read(String)}
	 * @return {@code object}, {@code array}, {@code string}, {@code number},
	 * {@code boolean} or {@code null}
	 */
	static String typeOf(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Map) {
			return "object";
		}
		if (value instanceof List) {
			return "array";
		}
		if (value instanceof String) {
			return "string";
		}
		if (value instanceof Number) {
			return "number";
		}
		return "boolean";
	}

}
