package io.github.umamispring.transport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A small strict JSON reader for Umami's answers. Boot's {@code BasicJsonParser}, the
 * only parser every application has, accepts truncated input such as
 * <code>{"cache":</code>; a truncated answer must not be taken for success.
 * <p>
 * Hand-written rather than Jackson on purpose, as is the writer of the request bodies:
 * the Boot lines the starter supports ship different Jackson generations (Boot 3.5
 * Jackson 2 under {@code com.fasterxml.jackson}, Boot 4 Jackson 3 under
 * {@code tools.jackson}), an application may have neither, and Umami's answers are a
 * handful of small objects. Every input ends, in time linear in its length, in a value or
 * an {@link IllegalArgumentException}: nesting deeper than {@value #MAX_DEPTH} is refused
 * instead of overflowing the stack, and so are numbers too long or too large to convert
 * quickly.
 *
 * @author umami-spring-boot contributors
 */
final class StrictJsonReader {

	/**
	 * Deepest nesting of objects and arrays read; Umami's deepest answers, validation
	 * errors, nest fewer than ten levels.
	 */
	static final int MAX_DEPTH = 64;

	/**
	 * Longest number read: parsing digits takes time that grows faster than their count.
	 */
	private static final int MAX_NUMBER_LENGTH = 100;

	/**
	 * Largest exponent of a number read.
	 */
	private static final int MAX_EXPONENT = 1000;

	private static final String HEX_DIGITS = "0123456789abcdefABCDEF";

	private final String text;

	private int position;

	private int depth;

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
			case '{' -> nested(this::readObject);
			case '[' -> nested(this::readArray);
			case '"' -> readString();
			case 't' -> readLiteral("true", Boolean.TRUE);
			case 'f' -> readLiteral("false", Boolean.FALSE);
			case 'n' -> readLiteral("null", null);
			default -> readNumber();
		};
	}

	private Object nested(Supplier<Object> reader) {
		if (this.depth == MAX_DEPTH) {
			throw error("at most " + MAX_DEPTH + " nested objects and arrays");
		}
		this.depth++;
		Object value = reader.get();
		this.depth--;
		return value;
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
		int start = this.position;
		// Most strings (Umami's cache token, ids) have no escape: taken whole
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (c == '"') {
				this.position++;
				return this.text.substring(start, this.position - 1);
			}
			if (c == '\\' || c < 0x20) {
				break;
			}
			this.position++;
		}
		StringBuilder result = new StringBuilder().append(this.text, start, this.position);
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
		int value = 0;
		for (int end = this.position + 4; this.position < end; this.position++) {
			int digit = (this.position < this.text.length()) ? HEX_DIGITS.indexOf(this.text.charAt(this.position)) : -1;
			digit = (digit > 15) ? digit - 6 : digit;
			if (digit < 0) {
				throw error("four hex digits");
			}
			value = value * 16 + digit;
		}
		return (char) value;
	}

	private BigDecimal readNumber() {
		int start = this.position;
		while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
		if (this.position - start > MAX_NUMBER_LENGTH) {
			this.position = start;
			throw error("a number of at most " + MAX_NUMBER_LENGTH + " characters");
		}
		BigDecimal number;
		try {
			number = new BigDecimal(this.text.substring(start, this.position));
		}
		catch (NumberFormatException ex) {
			this.position = start;
			throw error("a JSON value");
		}
		if (Math.abs((long) number.scale()) > MAX_EXPONENT) {
			// 1e999999999 would take forever to turn into an int
			this.position = start;
			throw error("a number with an exponent of at most " + MAX_EXPONENT);
		}
		return number;
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
