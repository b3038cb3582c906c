package io.github.umamispring.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes the JSON of Umami's request bodies straight into a buffer: compact, with quotes,
 * backslashes and control characters escaped, as Spring Boot's
 * {@code JsonWriter.standard()} writes the same values. Every event passes through here
 * on the sender thread; a general-purpose writer, which tracks a member path and a set of
 * names per object for its filters, took about 4.5 us per event there, most of a batch's
 * cost.
 * <p>
 * Values are those {@link io.github.umamispring.UmamiEvent} holds: {@code null}, strings,
 * booleans, numbers, maps with string keys and lists of them; anything else is written as
 * its {@code toString()}.
 * <p>
 * Internal: public only for the library's other packages, and not part of its API.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiJson {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private UmamiJson() {
	}

	/**
	 * Return the JSON of a value.
	 * @param value the value
	 * @return its JSON
	 */
	public static String write(@Nullable Object value) {
		StringBuilder json = new StringBuilder();
		value(json, value);
		return json.toString();
	}

	/**
	 * Start a member of an object: a comma unless it is the object's first, then the
	 * name. Names are this project's constants, which need no escaping.
	 * @param json the buffer
	 * @param objectStart the length of the buffer just after the object's opening brace
	 * @param name the member's name
	 */
	public static void name(StringBuilder json, int objectStart, String name) {
		if (json.length() > objectStart) {
			json.append(',');
		}
		json.append('"').append(name).append("\":");
	}

	public static void value(StringBuilder json, @Nullable Object value) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof String string) {
			string(json, string);
		}
		else if (value instanceof Number || value instanceof Boolean) {
			json.append(value);
		}
		else if (value instanceof Map<?, ?> map) {
			object(json, map);
		}
		else if (value instanceof Iterable<?> iterable) {
			json.append('[');
			int start = json.length();
			for (Object element : iterable) {
				if (json.length() > start) {
					json.append(',');
				}
				value(json, element);
			}
			json.append(']');
		}
		else {
			string(json, value.toString());
		}
	}

	private static void object(StringBuilder json, Map<?, ?> map) {
		json.append('{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!first) {
				json.append(',');
			}
			first = false;
			string(json, String.valueOf(entry.getKey()));
			json.append(':');
			value(json, entry.getValue());
		}
		json.append('}');
	}

	public static void string(StringBuilder json, String string) {
		json.append('"');
		int length = string.length();
		int plain = 0;
		for (int i = 0; i < length; i++) {
			char ch = string.charAt(i);
			if (ch == '"' || ch == '\\' || Character.isISOControl(ch)) {
				// Copy the run that needs no escaping in one go
				json.append(string, plain, i);
				escape(json, ch);
				plain = i + 1;
			}
		}
		json.append(string, plain, length).append('"');
	}

	private static void escape(StringBuilder json, char ch) {
		switch (ch) {
			case '"' -> json.append("\\\"");
			case '\\' -> json.append("\\\\");
			case '\b' -> json.append("\\b");
			case '\f' -> json.append("\\f");
			case '\n' -> json.append("\\n");
			case '\r' -> json.append("\\r");
			case '\t' -> json.append("\\t");
			default -> json.append("\\u00").append(HEX[(ch >> 4) & 0xF]).append(HEX[ch & 0xF]);
		}
	}

}
