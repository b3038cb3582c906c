package io.github.umamispring.test.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Umami 3.1.0's checks of an event before it looks the website up: the shape of the event
 * and its payload and the types and lengths of the payload's fields, with the {@code 400}
 * bodies Umami answers when one fails, built from the recorded ones; and the length of
 * data values, which Umami checks only when it stores them.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiValidation {

	private static final Set<String> TYPES = Set.of("event", "identify", "performance");

	private static final Pattern UUID_PATTERN = Pattern.compile(
			"[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12}",
			Pattern.CASE_INSENSITIVE);

	/**
	 * Payload fields that must be strings, in the order of Umami's schema, with their
	 * maximum length or 0 for none.
	 */
	private static final Map<String, Integer> STRING_FIELDS = stringFields();

	/**
	 * Longest string Umami stores as an event or session data value.
	 */
	private static final int MAX_DATA_VALUE_LENGTH = 500;

	private static final Map<String, @Nullable Object> BAD_REQUEST = error(RecordedResponses.body("send-invalid-json"));

	/**
	 * {@code Invalid input: expected object, received undefined}.
	 */
	private static final String EXPECTED_OBJECT = RecordedResponses.message("send-invalid-json", "error", "errors", 0);

	/**
	 * {@code Invalid input: expected array, received object}.
	 */
	private static final String EXPECTED_ARRAY = RecordedResponses.message("batch-not-array", "error", "errors", 0);

	private static final String INVALID_TYPE = RecordedResponses.message("send-missing-type", "error", "properties",
			"type", "errors", 0);

	private static final String MISSING_WEBSITE = RecordedResponses.message("send-missing-website", "error",
			"properties", "payload", "properties", "website", "errors", 0);

	private static final String INVALID_UUID = RecordedResponses.message("send-malformed-website", "error",
			"properties", "payload", "properties", "website", "errors", 0);

	/**
	 * {@code Too big: expected string to have <=50 characters}.
	 */
	private static final String TOO_BIG = RecordedResponses.message("send-name-too-long", "error", "properties",
			"payload", "properties", "name", "errors", 0);

	private UmamiValidation() {
	}

	/**
	 * Return the {@code 400} body Umami answers to a request body that is not an object.
	 * @param type the JavaScript type of what was received, {@code undefined} if the body
	 * is not JSON
	 * @return the body
	 */
	static Map<String, @Nullable Object> expectedObject(String type) {
		return badRequest(List.of(received(EXPECTED_OBJECT, type)), Map.of());
	}

	/**
	 * Return the {@code 400} body Umami answers to a batch that is not an array.
	 * @param type the JavaScript type of what was received, {@code undefined} if the body
	 * is not JSON
	 * @return the body
	 */
	static Map<String, @Nullable Object> expectedArray(String type) {
		return badRequest(List.of(received(EXPECTED_ARRAY, type)), Map.of());
	}

	/**
	 * Check an event against Umami's schema: an object with a known {@code type} and a
	 * {@code payload} object whose fields have the right types and lengths and that has a
	 * {@code website}.
	 * @param item the event, as read
	 * @return the {@code 400} body Umami answers, or {@code null} if the event is valid
	 */
	static @Nullable Map<String, @Nullable Object> check(@Nullable Object item) {
		if (!(item instanceof Map<?, ?> event)) {
			return expectedObject(Json.typeOf(item));
		}
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		if (!(event.get("type") instanceof String type && TYPES.contains(type))) {
			properties.put("type", errors(INVALID_TYPE));
		}
		Object payloadValue = event.get("payload");
		if (!(payloadValue instanceof Map<?, ?> payload)) {
			properties.put("payload", errors(
					received(EXPECTED_OBJECT, event.containsKey("payload") ? Json.typeOf(payloadValue) : "undefined")));
			return badRequest(List.of(), properties);
		}
		Map<String, @Nullable Object> fields = checkFields(payload);
		if (!fields.isEmpty()) {
			properties.put("payload", nested(fields));
		}
		if (!properties.isEmpty()) {
			return badRequest(List.of(), properties);
		}
		if (!payload.containsKey("website")) {
			// Umami refines the payload only once its fields are valid
			return badRequest(List.of(), Map.of("payload", nested(Map.of("website", errors(MISSING_WEBSITE)))));
		}
		return null;
	}

	/**
	 * Return whether event or session data holds a value longer than Umami stores.
	 * @param data the payload's {@code data}
	 * @return whether a value is too long
	 */
	static boolean hasTooLongValue(@Nullable Object data) {
		if (data instanceof Map<?, ?> map) {
			return map.values().stream().anyMatch(UmamiValidation::hasTooLongValue);
		}
		if (data instanceof List<?> list) {
			// Arrays are stored as their JSON text
			return Json.write(list).length() > MAX_DATA_VALUE_LENGTH;
		}
		return data instanceof String string && string.length() > MAX_DATA_VALUE_LENGTH;
	}

	private static Map<String, @Nullable Object> checkFields(Map<?, ?> payload) {
		Map<String, @Nullable Object> errors = new LinkedHashMap<>();
		STRING_FIELDS.forEach((field, maxLength) -> {
			if (!payload.containsKey(field)) {
				return;
			}
			Object value = payload.get(field);
			if (!(value instanceof String string)) {
				errors.put(field, errors(received(EXPECTED_OBJECT.replace("object", "string"), Json.typeOf(value))));
			}
			else if (field.equals("website") && !UUID_PATTERN.matcher(string).matches()) {
				errors.put(field, errors(INVALID_UUID));
			}
			else if (maxLength > 0 && string.length() > maxLength) {
				errors.put(field, errors(TOO_BIG.replace("<=50", "<=" + maxLength)));
			}
		});
		return errors;
	}

	private static Map<String, @Nullable Object> badRequest(List<String> errors,
			Map<String, @Nullable Object> properties) {
		Map<String, @Nullable Object> error = new LinkedHashMap<>(BAD_REQUEST);
		error.put("errors", errors);
		if (!properties.isEmpty()) {
			error.put("properties", properties);
		}
		return Map.of("error", error);
	}

	private static Map<String, @Nullable Object> errors(String message) {
		return Map.of("errors", List.of(message));
	}

	private static Map<String, @Nullable Object> nested(Map<String, @Nullable Object> properties) {
		Map<String, @Nullable Object> nested = new LinkedHashMap<>();
		nested.put("errors", List.of());
		nested.put("properties", properties);
		return nested;
	}

	/**
	 * Replace the type a recorded message says was received.
	 */
	private static String received(String message, String type) {
		return message.substring(0, message.lastIndexOf(' ') + 1) + type;
	}

	/**
	 * Return the message, code and status of a recorded error body.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, @Nullable Object> error(Map<String, @Nullable Object> body) {
		Map<String, @Nullable Object> error = new LinkedHashMap<>((Map<String, @Nullable Object>) body.get("error"));
		error.keySet().retainAll(Set.of("message", "code", "status"));
		return error;
	}

	private static Map<String, Integer> stringFields() {
		Map<String, Integer> fields = new LinkedHashMap<>();
		fields.put("website", 0);
		fields.put("hostname", 100);
		fields.put("language", 35);
		fields.put("referrer", 0);
		fields.put("screen", 11);
		fields.put("title", 0);
		fields.put("url", 0);
		fields.put("name", 50);
		fields.put("tag", 50);
		fields.put("ip", 0);
		fields.put("userAgent", 0);
		fields.put("id", 0);
		return fields;
	}

}
