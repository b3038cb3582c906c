package io.github.umamispring.test.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Answers {@code /api/send}, {@code /api/batch} and {@code /api/heartbeat} the way Umami
 * 3.1.0 does, with the bodies and messages of responses recorded from a real Umami 3.1.0
 * (the fixtures in {@code umami-3.1.0/} next to this class).
 *
 * @author umami-spring-boot contributors
 */
final class UmamiAnswers {

	private static final String FIXTURES = "umami-3.1.0/";

	private static final Set<String> TYPES = Set.of("event", "identify", "performance");

	/**
	 * Markers of the User-Agents Umami's bot filter ({@code isbot}) catches that matter
	 * to server-side clients: crawlers, command-line tools and the default agents of HTTP
	 * client libraries ({@code Java-http-client}, {@code ReactorNetty}, {@code okhttp}).
	 */
	private static final List<String> BOT_MARKERS = List.of("bot", "crawl", "spider", "curl", "wget", "java",
			"reactornetty", "okhttp", "python", "go-http-client", "axios", "node-fetch", "headless");

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

	private static final Answer HEARTBEAT = new Answer(200, Json.write(responseBody("heartbeat")));

	private static final Map<String, @Nullable Object> BOT = responseBody("send-bot-filtered");

	private static final Map<String, @Nullable Object> WEBSITE_NOT_FOUND = responseBody("send-unknown-website");

	private static final Map<String, @Nullable Object> DATA_VALUE_TOO_LONG = responseBody("send-data-value-too-long");

	private static final Map<String, @Nullable Object> BAD_REQUEST = error(responseBody("send-invalid-json"));

	/**
	 * {@code Invalid input: expected object, received undefined}.
	 */
	private static final String EXPECTED_OBJECT = (String) at(responseBody("send-invalid-json"), "error", "errors", 0);

	/**
	 * {@code Invalid input: expected array, received object}.
	 */
	private static final String EXPECTED_ARRAY = (String) at(responseBody("batch-not-array"), "error", "errors", 0);

	private static final String INVALID_TYPE = (String) at(responseBody("send-missing-type"), "error", "properties",
			"type", "errors", 0);

	private static final String MISSING_WEBSITE = (String) at(responseBody("send-missing-website"), "error",
			"properties", "payload", "properties", "website", "errors", 0);

	private static final String INVALID_UUID = (String) at(responseBody("send-malformed-website"), "error",
			"properties", "payload", "properties", "website", "errors", 0);

	/**
	 * {@code Too big: expected string to have <=50 characters}.
	 */
	private static final String TOO_BIG = (String) at(responseBody("send-name-too-long"), "error", "properties",
			"payload", "properties", "name", "errors", 0);

	private static final String TOKEN_HEADER = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

	private final Set<String> websites;

	private final Map<String, Visitor> visitors = new ConcurrentHashMap<>();

	/**
	 * Create answers for the given websites.
	 * @param websites the ids of the websites that exist, read at every request
	 */
	UmamiAnswers(Set<String> websites) {
		this.websites = websites;
	}

	/**
	 * Answer {@code GET /api/heartbeat}.
	 * @return {@code 200 {"ok":true}}
	 */
	Answer heartbeat() {
		return HEARTBEAT;
	}

	/**
	 * Answer {@code POST /api/send}.
	 * @param body the request body as read
	 * @param userAgent the request's {@code User-Agent} header
	 * @return the answer
	 */
	Answer send(Body body, @Nullable String userAgent) {
		Outcome outcome = body.parsed() ? evaluate(body.value(), userAgent)
				: badRequest(List.of(received(EXPECTED_OBJECT, "undefined")), Map.of());
		return new Answer(outcome.status(), Json.write(outcome.body()));
	}

	/**
	 * Answer {@code POST /api/batch}: each item as {@code /api/send} would, with the
	 * request's headers.
	 * @param body the request body as read
	 * @param userAgent the request's {@code User-Agent} header
	 * @return the answer
	 */
	Answer batch(Body body, @Nullable String userAgent) {
		if (!body.parsed() || !(body.value() instanceof List<?> items)) {
			String type = body.parsed() ? Json.typeOf(body.value()) : "undefined";
			return new Answer(400, Json.write(badRequest(List.of(received(EXPECTED_ARRAY, type)), Map.of()).body()));
		}
		int processed = 0;
		List<Map<String, @Nullable Object>> details = new ArrayList<>();
		String cache = null;
		for (int i = 0; i < items.size(); i++) {
			Outcome outcome = evaluate(items.get(i), userAgent);
			if (outcome.status() == 200) {
				processed++;
				cache = (outcome.token() != null) ? outcome.token() : cache;
			}
			else {
				Map<String, @Nullable Object> detail = new LinkedHashMap<>();
				detail.put("index", i);
				detail.put("response", outcome.body());
				details.add(detail);
			}
		}
		Map<String, @Nullable Object> answer = new LinkedHashMap<>();
		answer.put("size", items.size());
		answer.put("processed", processed);
		answer.put("errors", details.size());
		answer.put("details", details);
		if (cache != null) {
			answer.put("cache", cache);
		}
		return new Answer(200, Json.write(answer));
	}

	/**
	 * Return the cache token given to a visitor.
	 * @param ip the visitor's IP address, from the payload
	 * @param userAgent the visitor's User-Agent, from the payload or else the header
	 * @return the token, or {@code null} if no event of that visitor was accepted
	 */
	@Nullable String cacheToken(@Nullable String ip, @Nullable String userAgent) {
		Visitor visitor = this.visitors.get(visitorKey(ip, userAgent));
		return (visitor != null) ? visitor.token() : null;
	}

	private Outcome evaluate(@Nullable Object item, @Nullable String userAgentHeader) {
		if (!(item instanceof Map<?, ?> event)) {
			return badRequest(List.of(received(EXPECTED_OBJECT, Json.typeOf(item))), Map.of());
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
		Map<String, @Nullable Object> fields = validate(payload);
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
		String userAgent = (payload.get("userAgent") instanceof String agent && !agent.isEmpty()) ? agent
				: userAgentHeader;
		if (isBot(userAgent)) {
			return new Outcome(200, BOT, null);
		}
		String website = (String) payload.get("website");
		if (!this.websites.contains(website.toLowerCase(Locale.ROOT))) {
			return new Outcome(400, WEBSITE_NOT_FOUND, null);
		}
		if (hasTooLongValue(payload.get("data"))) {
			// Umami 3.1.0 stores the event, then fails on its data
			return new Outcome(500, DATA_VALUE_TOO_LONG, null);
		}
		String ip = (payload.get("ip") instanceof String string) ? string : null;
		Visitor visitor = this.visitors.computeIfAbsent(visitorKey(ip, userAgent),
				(key) -> Visitor.create(key, website));
		Map<String, @Nullable Object> accepted = new LinkedHashMap<>();
		accepted.put("cache", visitor.token());
		accepted.put("sessionId", visitor.sessionId());
		accepted.put("visitId", visitor.visitId());
		return new Outcome(200, accepted, visitor.token());
	}

	private static Map<String, @Nullable Object> validate(Map<?, ?> payload) {
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

	private static boolean hasTooLongValue(@Nullable Object data) {
		if (data instanceof Map<?, ?> map) {
			return map.values().stream().anyMatch(UmamiAnswers::hasTooLongValue);
		}
		if (data instanceof List<?> list) {
			// Arrays are stored as their JSON text
			return Json.write(list).length() > MAX_DATA_VALUE_LENGTH;
		}
		return data instanceof String string && string.length() > MAX_DATA_VALUE_LENGTH;
	}

	/**
	 * Return whether Umami's bot filter would drop events with the given User-Agent. An
	 * empty or missing agent is not a bot to Umami.
	 * @param userAgent the effective User-Agent
	 * @return whether it is a bot
	 */
	static boolean isBot(@Nullable String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return false;
		}
		String agent = userAgent.toLowerCase(Locale.ROOT);
		return BOT_MARKERS.stream().anyMatch(agent::contains);
	}

	private static String visitorKey(@Nullable String ip, @Nullable String userAgent) {
		return ((ip != null) ? ip : "") + "\n" + ((userAgent != null) ? userAgent : "");
	}

	private static Outcome badRequest(List<String> errors, Map<String, @Nullable Object> properties) {
		Map<String, @Nullable Object> error = new LinkedHashMap<>(BAD_REQUEST);
		error.put("errors", errors);
		if (!properties.isEmpty()) {
			error.put("properties", properties);
		}
		return new Outcome(400, Map.of("error", error), null);
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

	@SuppressWarnings("unchecked")
	private static Map<String, @Nullable Object> responseBody(String fixture) {
		String resource = FIXTURES + fixture + ".json";
		try (InputStream in = UmamiAnswers.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing recorded Umami response " + resource);
			}
			Map<String, @Nullable Object> recorded = (Map<String, @Nullable Object>) Json
				.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			return (Map<String, @Nullable Object>) Json
				.unmodifiable(((Map<String, @Nullable Object>) recorded.get("response")).get("body"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static @Nullable Object at(@Nullable Object value, Object... path) {
		Object current = value;
		for (Object step : path) {
			current = (step instanceof Integer index) ? ((List<?>) current).get(index)
					: ((Map<?, ?>) current).get(step);
		}
		return current;
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A request body as read.
	 *
	 * @param parsed whether the body is JSON
	 * @param value the JSON value, if it is
	 */
	record Body(boolean parsed, @Nullable Object value) {

		static Body read(String text) {
			try {
				return new Body(true, Json.read(text));
			}
			catch (IllegalArgumentException ex) {
				return new Body(false, null);
			}
		}

	}

	/**
	 * An answer to send.
	 *
	 * @param status the HTTP status
	 * @param body the JSON body
	 */
	record Answer(int status, String body) {

	}

	/**
	 * What became of one event.
	 *
	 * @param status the HTTP status Umami answers for it
	 * @param body the body Umami answers for it
	 * @param token the visitor's cache token, if the event was accepted
	 */
	private record Outcome(int status, Map<String, @Nullable Object> body, @Nullable String token) {

	}

	/**
	 * A visitor's session, visit and cache token, fixed when first seen.
	 */
	private record Visitor(String sessionId, String visitId, String token) {

		static Visitor create(String key, String website) {
			String sessionId = UUID.nameUUIDFromBytes(("session\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
			String visitId = UUID.nameUUIDFromBytes(("visit\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
			Map<String, @Nullable Object> claims = new LinkedHashMap<>();
			claims.put("websiteId", website);
			claims.put("sessionId", sessionId);
			claims.put("visitId", visitId);
			claims.put("iat", Instant.now().getEpochSecond());
			String unsigned = TOKEN_HEADER + "." + base64(Json.write(claims));
			return new Visitor(sessionId, visitId, unsigned + "." + sign(unsigned));
		}

		private static String sign(String unsigned) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec("mock-umami-server".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
				return Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
