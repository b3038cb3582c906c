package io.github.umamispring.test.server;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes values as compact JSON.
 *
 * @author umami-spring-boot contributors
 * @see Json#write(Object)
 */
final class JsonWriter {

	private JsonWriter() {
	}

	/**
	 * Write a value as compact JSON.
	 * @param value a {@link Map} with string keys, an {@link Iterable}, a
	 * {@link CharSequence}, a {@link Number}, a {@link Boolean} or {@code null}
	 * @return the JSON text
	 */
	static String write(@Nullable Object value) {
		StringBuilder json = new StringBuilder();
		write(value, json);
		return json.toString();
	}

	private static void write(@Nullable Object value, StringBuilder json) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!first) {
					json.append(',');
				}
				first = false;
				writeString(String.valueOf(entry.getKey()), json);
				json.append(':');
				write(entry.getValue(), json);
			}
			json.append('}');
		}
		else if (value instanceof Iterable<?> iterable) {
			json.append('[');
			boolean first = true;
			for (Object element : iterable) {
				if (!first) {
					json.append(',');
				}
				first = false;
				write(element, json);
			}
			json.append(']');
		}
		else if (value instanceof Number || value instanceof Boolean) {
			json.append(value);
		}
		else {
			writeString(value.toString(), json);
		}
	}

	private static void writeString(String string, StringBuilder json) {
		json.append('"');
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
