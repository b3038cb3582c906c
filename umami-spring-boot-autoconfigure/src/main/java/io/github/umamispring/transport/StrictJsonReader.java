package io.github.umamispring.transport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A small strict JSON reader for Umami's answers. Boot's {@code BasicJsonParser}, the
 * only parser every application has, accepts truncated input such as
 * <code>{"cache":</code>; a truncated answer must not be taken for success.
 *
 * @author umami-spring-boot contributors
 */
final class StrictJsonReader {

	private final String text;

	private int position;

	private StrictJsonReader(String text) {
		this.text = text;
	}

	/**
	 * Read a complete JSON document.
	 * @param text the document
	 * @return maps, lists, strings, {@link BigDecimal}s, booleans or {@code null}
	 * @throws IllegalArgumentException if the text is not exactly one JSON value
	 */
	static @Nullable Object read(String text) {
		StrictJsonReader reader = new StrictJsonReader(text);
		Object value = reader.readValue();
		reader.skipWhitespace();
		if (reader.position != text.length()) {
			throw reader.error("end of input");
		}
		return value;
	}

	private @Nullable Object readValue() {
		skipWhitespace();
		char c = peek();
		return switch (c) {
			case '{' -> readObject();
			case '[' -> readArray();
			case '"' -> readString();
			case 't' -> readLiteral("true", Boolean.TRUE);
			case 'f' -> readLiteral("false", Boolean.FALSE);
			case 'n' -> readLiteral("null", null);
			default -> readNumber();
		};
	}

	private Map<String, @Nullable Object> readObject() {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		expect('{');
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return map;
		}
		do {
			skipWhitespace();
			String key = readString();
			skipWhitespace();
			expect(':');
			map.put(key, readValue());
			skipWhitespace();
		}
		while (tryConsume(','));
		expect('}');
		return map;
	}

	private List<@Nullable Object> readArray() {
		List<@Nullable Object> list = new ArrayList<>();
		expect('[');
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return list;
		}
		do {
			list.add(readValue());
			skipWhitespace();
		}
		while (tryConsume(','));
		expect(']');
		return list;
	}

	private String readString() {
		expect('"');
		StringBuilder result = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return result.toString();
			}
			if (c == '\\') {
				char escaped = next();
				switch (escaped) {
					case '"', '\\', '/' -> result.append(escaped);
					case 'b' -> result.append('\b');
					case 'f' -> result.append('\f');
					case 'n' -> result.append('\n');
					case 'r' -> result.append('\r');
					case 't' -> result.append('\t');
					case 'u' -> result.append(readUnicodeEscape());
					default -> throw error("a valid escape");
				}
			}
			else if (c < 0x20) {
				throw error("no control character in a string");
			}
			else {
				result.append(c);
			}
		}
	}

	private char readUnicodeEscape() {
		if (this.position + 4 > this.text.length()) {
			throw error("four hex digits");
		}
		try {
			char c = (char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16);
			this.position += 4;
			return c;
		}
		catch (NumberFormatException ex) {
			throw error("four hex digits");
		}
	}

	private BigDecimal readNumber() {
		int start = this.position;
		while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
		try {
			return new BigDecimal(this.text.substring(start, this.position));
		}
		catch (NumberFormatException ex) {
			this.position = start;
			throw error("a JSON value");
		}
	}

	private @Nullable Object readLiteral(String literal, @Nullable Object value) {
		if (!this.text.startsWith(literal, this.position)) {
			throw error(literal);
		}
		this.position += literal.length();
		return value;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && " \t\r\n".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
	}

	private boolean tryConsume(char c) {
		if (this.position < this.text.length() && this.text.charAt(this.position) == c) {
			this.position++;
			return true;
		}
		return false;
	}

	private void expect(char c) {
		if (!tryConsume(c)) {
			throw error("'" + c + "'");
		}
	}

	private char peek() {
		if (this.position >= this.text.length()) {
			throw error("more input");
		}
		return this.text.charAt(this.position);
	}

	private char next() {
		char c = peek();
		this.position++;
		return c;
	}

	private IllegalArgumentException error(String expected) {
		return new IllegalArgumentException("Expected " + expected + " at position " + this.position);
	}

}
