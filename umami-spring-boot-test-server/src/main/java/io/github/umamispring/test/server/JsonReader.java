package io.github.umamispring.test.server;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON document, strictly: objects as {@link JsonObject}, which keeps the exact
 * text it was read from; arrays as {@link List}; integers as {@link Integer},
 * {@link Long} or {@link BigInteger}, whichever holds them; other numbers as
 * {@link Double}.
 *
 * @author umami-spring-boot contributors
 * @see Json#read(String)
 */
final class JsonReader {

	private final String text;

	private int position;

	private JsonReader(String text) {
		this.text = text;
	}

	/**
	 * Read a JSON document.
	 * @param text the JSON text
	 * @return the value: a {@link JsonObject}, a {@link List}, a {@link String}, a
	 * {@link Number}, a {@link Boolean} or {@code null}
	 * @throws IllegalArgumentException if the text is not a single JSON value
	 */
	static @Nullable Object read(String text) {
		JsonReader reader = new JsonReader(text);
		reader.skipWhitespace();
		Object value = reader.readValue();
		reader.skipWhitespace();
		if (reader.position != text.length()) {
			throw reader.error("Unexpected text after the JSON value");
		}
		return value;
	}

	private @Nullable Object readValue() {
		if (this.position >= this.text.length()) {
			throw error("Unexpected end of JSON");
		}
		char c = this.text.charAt(this.position);
		return switch (c) {
			case '{' -> readObject();
			case '[' -> readArray();
			case '"' -> readString();
			case 't' -> readLiteral("true", Boolean.TRUE);
			case 'f' -> readLiteral("false", Boolean.FALSE);
			case 'n' -> readLiteral("null", null);
			default -> {
				if (c == '-' || (c >= '0' && c <= '9')) {
					yield readNumber();
				}
				throw error("Unexpected character '" + c + "'");
			}
		};
	}

	private JsonObject readObject() {
		int start = this.position;
		this.position++;
		Map<String, @Nullable Object> members = new LinkedHashMap<>();
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return new JsonObject(members, this.text.substring(start, this.position));
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw error("Expected a member name");
			}
			String name = readString();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			members.put(name, readValue());
			skipWhitespace();
			char c = next();
			if (c == '}') {
				return new JsonObject(members, this.text.substring(start, this.position));
			}
			if (c != ',') {
				throw error("Expected ',' or '}'");
			}
		}
	}

	private List<@Nullable Object> readArray() {
		this.position++;
		List<@Nullable Object> elements = new ArrayList<>();
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return elements;
		}
		while (true) {
			skipWhitespace();
			elements.add(readValue());
			skipWhitespace();
			char c = next();
			if (c == ']') {
				return elements;
			}
			if (c != ',') {
				throw error("Expected ',' or ']'");
			}
		}
	}

	private String readString() {
		this.position++;
		StringBuilder string = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return string.toString();
			}
			if (c == '\\') {
				char escaped = next();
				switch (escaped) {
					case '"', '\\', '/' -> string.append(escaped);
					case 'b' -> string.append('\b');
					case 'f' -> string.append('\f');
					case 'n' -> string.append('\n');
					case 'r' -> string.append('\r');
					case 't' -> string.append('\t');
					case 'u' -> string.append(readUnicodeEscape());
					default -> throw error("Invalid escape '\\" + escaped + "'");
				}
			}
			else if (c < 0x20) {
				throw error("Unescaped control character in a string");
			}
			else {
				string.append(c);
			}
		}
	}

	private char readUnicodeEscape() {
		if (this.position + 4 > this.text.length()) {
			throw error("Unexpected end of JSON");
		}
		String hex = this.text.substring(this.position, this.position + 4);
		try {
			this.position += 4;
			return (char) Integer.parseInt(hex, 16);
		}
		catch (NumberFormatException ex) {
			throw error("Invalid unicode escape '\\u" + hex + "'");
		}
	}

	private Number readNumber() {
		int start = this.position;
		if (peek() == '-') {
			this.position++;
		}
		if (peek() == '0') {
			this.position++;
		}
		else {
			readDigits();
		}
		boolean integral = true;
		if (peek() == '.') {
			integral = false;
			this.position++;
			readDigits();
		}
		if (peek() == 'e' || peek() == 'E') {
			integral = false;
			this.position++;
			if (peek() == '+' || peek() == '-') {
				this.position++;
			}
			readDigits();
		}
		String number = this.text.substring(start, this.position);
		if (!integral) {
			return Double.valueOf(number);
		}
		BigInteger value = new BigInteger(number);
		if (value.bitLength() < 32) {
			return value.intValue();
		}
		return (value.bitLength() < 64) ? (Number) value.longValue() : value;
	}

	private void readDigits() {
		int start = this.position;
		while (this.position < this.text.length() && this.text.charAt(this.position) >= '0'
				&& this.text.charAt(this.position) <= '9') {
			this.position++;
		}
		if (this.position == start) {
			throw error("Expected a digit");
		}
	}

	private @Nullable Object readLiteral(String literal, @Nullable Object value) {
		if (!this.text.startsWith(literal, this.position)) {
			throw error("Unexpected character '" + this.text.charAt(this.position) + "'");
		}
		this.position += literal.length();
		return value;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			this.position++;
		}
	}

	private char peek() {
		return (this.position < this.text.length()) ? this.text.charAt(this.position) : '\0';
	}

	private char next() {
		if (this.position >= this.text.length()) {
			throw error("Unexpected end of JSON");
		}
		return this.text.charAt(this.position++);
	}

	private void expect(char expected) {
		if (next() != expected) {
			this.position--;
			throw error("Expected '" + expected + "'");
		}
	}

	private IllegalArgumentException error(String message) {
		return new IllegalArgumentException(message + " at position " + this.position);
	}

}
