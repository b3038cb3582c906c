package io.github.umamispring.test.server;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A JSON object as read, with the exact text it was read from.
 *
 * @author umami-spring-boot contributors
 * @see JsonReader
 */
final class JsonObject extends LinkedHashMap<String, @Nullable Object> {

	private static final long serialVersionUID = 1L;

	private final transient String source;

	JsonObject(Map<String, @Nullable Object> members, String source) {
		super(members);
		this.source = source;
	}

	/**
	 * Return the text this object was read from.
	 * @return the JSON text, as sent
	 */
	String source() {
		return this.source;
	}

}
