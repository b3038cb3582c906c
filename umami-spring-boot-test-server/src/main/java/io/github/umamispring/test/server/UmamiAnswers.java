package io.github.umamispring.test.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.umamispring.test.server.Visitors.Visitor;
import org.jspecify.annotations.Nullable;

/**
 * Answers {@code /api/send}, {@code /api/batch} and {@code /api/heartbeat} the way Umami
 * 3.1.0 does, with the bodies and messages of responses recorded from a real Umami 3.1.0
 * (the fixtures in {@code umami-3.1.0/} next to this class).
 *
 * @author umami-spring-boot contributors
 * @see UmamiValidation
 * @see Visitors
 */
final class UmamiAnswers {

	/**
	 * Markers of the User-Agents Umami's bot filter ({@code isbot}) catches that matter
	 * to server-side clients: crawlers, command-line tools and the default agents of HTTP
	 * client libraries ({@code Java-http-client}, {@code ReactorNetty}, {@code okhttp}).
	 */
	private static final List<String> BOT_MARKERS = List.of("bot", "crawl", "spider", "curl", "wget", "java",
			"reactornetty", "okhttp", "python", "go-http-client", "axios", "node-fetch", "headless");

	private static final Answer HEARTBEAT = new Answer(200, Json.write(RecordedResponses.body("heartbeat")));

	private static final Map<String, @Nullable Object> BOT = RecordedResponses.body("send-bot-filtered");

	private static final Map<String, @Nullable Object> WEBSITE_NOT_FOUND = RecordedResponses
		.body("send-unknown-website");

	private static final Map<String, @Nullable Object> DATA_VALUE_TOO_LONG = RecordedResponses
		.body("send-data-value-too-long");

	private final Set<String> websites;

	private final Visitors visitors = new Visitors();

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
				: new Outcome(400, UmamiValidation.expectedObject("undefined"), null);
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
			return new Answer(400, Json.write(UmamiValidation.expectedArray(type)));
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
		return this.visitors.token(ip, userAgent);
	}

	private Outcome evaluate(@Nullable Object item, @Nullable String userAgentHeader) {
		Map<String, @Nullable Object> invalid = UmamiValidation.check(item);
		if (invalid != null) {
			return new Outcome(400, invalid, null);
		}
		Map<?, ?> payload = (Map<?, ?>) ((Map<?, ?>) item).get("payload");
		String userAgent = (payload.get("userAgent") instanceof String agent && !agent.isEmpty()) ? agent
				: userAgentHeader;
		if (isBot(userAgent)) {
			return new Outcome(200, BOT, null);
		}
		String website = (String) payload.get("website");
		if (!this.websites.contains(website.toLowerCase(Locale.ROOT))) {
			return new Outcome(400, WEBSITE_NOT_FOUND, null);
		}
		if (UmamiValidation.hasTooLongValue(payload.get("data"))) {
			// Umami 3.1.0 stores the event, then fails on its data
			return new Outcome(500, DATA_VALUE_TOO_LONG, null);
		}
		String ip = (payload.get("ip") instanceof String string) ? string : null;
		Visitor visitor = this.visitors.visitor(ip, userAgent, website);
		Map<String, @Nullable Object> accepted = new LinkedHashMap<>();
		accepted.put("cache", visitor.token());
		accepted.put("sessionId", visitor.sessionId());
		accepted.put("visitId", visitor.visitId());
		return new Outcome(200, accepted, visitor.token());
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

}
