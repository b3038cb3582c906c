package io.github.umamispring.transport;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.umamispring.UmamiHttpException;
import io.github.umamispring.UmamiResult;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;

/**
 * Maps every answer Umami 2.x and 3.x give to {@code /api/send} onto a
 * {@link UmamiResult}. Never throws: a body it does not understand becomes a
 * {@link UmamiResult.Failed}.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiResponseParser {

	private static final int MAX_MESSAGE_LENGTH = 300;

	private static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+");

	/**
	 * Map a response.
	 * @param status the HTTP status code
	 * @param body the response body, empty when there was none
	 * @return the result
	 */
	UmamiResult parse(int status, String body) {
		return parse(status, body, null);
	}

	/**
	 * Map a response that may carry a {@code Retry-After} header.
	 * @param status the HTTP status code
	 * @param body the response body, empty when there was none
	 * @param retryAfter the {@code Retry-After} header, or {@code null}
	 * @return the result
	 */
	UmamiResult parse(int status, String body, @Nullable String retryAfter) {
		try {
			return parse(status, body, parseJson(body), retryAfter);
		}
		catch (RuntimeException ex) {
			return unreadable(status, ex);
		}
	}

	/**
	 * Map a response of {@code /api/batch}: {@code {"size", "processed", "errors",
	 * "details": [{"index", "response"}], "cache"}} on success, where every item not
	 * named in {@code details} was processed.
	 * @param status the HTTP status code
	 * @param body the response body, empty when there was none
	 * @param retryAfter the {@code Retry-After} header, or {@code null}
	 * @param size the number of events in the batch
	 * @return the response, per event or for the batch as a whole
	 */
	UmamiBatchResponse parseBatch(int status, String body, @Nullable String retryAfter, int size) {
		try {
			return parseBatch(status, body, parseJson(body), retryAfter, size);
		}
		catch (RuntimeException ex) {
			return UmamiBatchResponse.failed(unreadable(status, ex));
		}
	}

	/**
	 * A last resort, for a case the parser missed: what it cannot read must not escape
	 * and leave the delivery unfinished.
	 */
	private static UmamiResult unreadable(int status, RuntimeException ex) {
		return new UmamiResult.Failed(new UmamiHttpException(status, "unreadable response from Umami: " + ex));
	}

	private UmamiBatchResponse parseBatch(int status, String body, @Nullable Object json, @Nullable String retryAfter,
			int size) {
		if (status < 200 || status >= 300) {
			return UmamiBatchResponse.failed(parse(status, body, json, retryAfter));
		}
		if (!(json instanceof Map<?, ?> map) || !(map.containsKey("processed") || map.containsKey("details"))) {
			return UmamiBatchResponse.failed(new UmamiResult.Failed(new UmamiHttpException(status,
					"unrecognized batch response from Umami: " + abbreviate(body.trim()))));
		}
		String cache = string(map.get("cache"));
		UmamiResult[] results = new UmamiResult[size];
		Arrays.fill(results, new UmamiResult.Accepted(null, null, null));
		if (map.get("details") instanceof List<?> details) {
			for (Object detail : details) {
				if (detail instanceof Map<?, ?> item && item.get("index") instanceof Number index
						&& index.intValue() >= 0 && index.intValue() < size) {
					results[index.intValue()] = parseBatchItem(item.get("response"));
				}
			}
		}
		return UmamiBatchResponse.of(List.of(results), cache);
	}

	private UmamiResult parseBatchItem(@Nullable Object response) {
		if (response instanceof Map<?, ?> map) {
			int status = 400;
			if (map.get("error") instanceof Map<?, ?> error && error.get("status") instanceof Number number) {
				status = number.intValue();
			}
			else if (map.get("status") instanceof Number number) {
				status = number.intValue();
			}
			if (!map.containsKey("error")) {
				status = 200;
			}
			return parse(status, "", map, null);
		}
		return new UmamiResult.Rejected(400, (response != null) ? abbreviate(response.toString()) : "Bad request");
	}

	private UmamiResult parse(int status, String body, @Nullable Object json, @Nullable String retryAfter) {
		if (status >= 200 && status < 300) {
			return parseSuccess(status, body, json);
		}
		String message = abbreviate(errorMessage(status, body, json));
		if (status >= 400 && status < 500 && status != 408 && status != 429) {
			return new UmamiResult.Rejected(status, message);
		}
		return new UmamiResult.Failed(new UmamiHttpException(status, message, parseRetryAfter(retryAfter)));
	}

	/**
	 * Read a {@code Retry-After} header: a number of seconds or an HTTP date.
	 * @param value the header value or {@code null}
	 * @return the wait, or {@code null} when absent or unreadable
	 */
	static @Nullable Duration parseRetryAfter(@Nullable String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String text = value.trim();
		try {
			long seconds = Long.parseLong(text);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			// Perhaps an HTTP date
		}
		try {
			ZonedDateTime date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration wait = Duration.between(ZonedDateTime.now(date.getZone()), date);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
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
