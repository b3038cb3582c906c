package io.github.umamispring.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.umamispring.UmamiHttpException;
import io.github.umamispring.UmamiResult;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Maps every answer Umami 2.x and 3.x give to {@code /api/send} onto a
 * {@link UmamiResult}. Never throws: a body it does not understand becomes a
 * {@link UmamiResult.Failed}.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiResponseParser {

	private static final int MAX_MESSAGE_LENGTH = 300;

	private static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+");

	/**
	 * Map a response.
	 * @param status the HTTP status code
	 * @param body the response body, empty when there was none
	 * @return the result
	 */
	public UmamiResult parse(int status, String body) {
		Object json = parseJson(body);
		if (status >= 200 && status < 300) {
			return parseSuccess(status, body, json);
		}
		String message = errorMessage(status, body, json);
		if (status >= 400 && status < 500 && status != 408 && status != 429) {
			return new UmamiResult.Rejected(status, message);
		}
		return new UmamiResult.Failed(new UmamiHttpException(status, message));
	}

	private UmamiResult parseSuccess(int status, String body, @Nullable Object json) {
		if (json instanceof Map<?, ?> map) {
			// Umami answers bots with {"beep":"boop"} (v2.12+) or {} (before)
			if (map.isEmpty() || map.containsKey("beep")) {
				return new UmamiResult.FilteredAsBot();
			}
			if (map.containsKey("cache") || map.containsKey("sessionId")) {
				return new UmamiResult.Accepted(string(map.get("sessionId")), string(map.get("visitId")),
						string(map.get("cache")));
			}
		}
		String text = body.trim();
		// Umami 2.0 to 2.15 answer the cache token (a JWT) as plain text
		if (json == null && PLAIN_TOKEN.matcher(text).matches()) {
			return new UmamiResult.Accepted(null, null, text);
		}
		return new UmamiResult.Failed(
				new UmamiHttpException(status, "unrecognized response from Umami: " + abbreviate(text)));
	}

	private String errorMessage(int status, String body, @Nullable Object json) {
		if (json instanceof Map<?, ?> map) {
			Object error = map.get("error");
			if (error instanceof Map<?, ?> details) {
				return describeError(details);
			}
			if (error != null) {
				return joined(error);
			}
			if (map.get("message") != null) {
				return joined(map.get("message"));
			}
		}
		String text = body.trim();
		if (!text.isEmpty()) {
			return abbreviate(text);
		}
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "HTTP " + status;
	}

	/**
	 * Umami 3 errors: {@code {"message", "errors": [...], "properties": {field:
	 * {"errors": [...], "properties": {...}}}}}.
	 */
	private String describeError(Map<?, ?> error) {
		List<String> problems = new ArrayList<>();
		collectProblems(error, "", problems);
		String message = (error.get("message") != null) ? joined(error.get("message")) : "Error";
		return problems.isEmpty() ? message : message + ": " + String.join("; ", problems);
	}

	private void collectProblems(Map<?, ?> node, String path, List<String> problems) {
		if (node.get("errors") instanceof List<?> errors) {
			for (Object error : errors) {
				problems.add(path.isEmpty() ? String.valueOf(error) : path + ": " + error);
			}
		}
		if (node.get("properties") instanceof Map<?, ?> properties) {
			properties.forEach((name, child) -> {
				if (child instanceof Map<?, ?> childNode) {
					collectProblems(childNode, path.isEmpty() ? String.valueOf(name) : path + "." + name, problems);
				}
			});
		}
	}

	private @Nullable Object parseJson(String body) {
		try {
			return StrictJsonReader.read(body);
		}
		catch (IllegalArgumentException ex) {
			// Not JSON: Umami 2 answers some cases in plain text
			return null;
		}
	}

	private static String joined(Object value) {
		if (value instanceof List<?> list) {
			List<String> parts = new ArrayList<>();
			list.forEach((element) -> parts.add(String.valueOf(element)));
			return String.join("; ", parts);
		}
		return String.valueOf(value);
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	private static String abbreviate(String text) {
		return (text.length() <= MAX_MESSAGE_LENGTH) ? text : text.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
	}

}
