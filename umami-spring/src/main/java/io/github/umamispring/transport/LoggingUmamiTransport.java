package io.github.umamispring.transport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.umamispring.UmamiResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.log.LogMessage;

/**
 * Dry-run transport: sends nothing, and logs at INFO the JSON each event would be sent
 * as, without the visitor's IP, User-Agent and distinct id, and at DEBUG the complete
 * JSON with its {@code User-Agent} header. An application that runs in dry run by
 * accident (its {@code umami.host-url} was not set) does not log its visitors.
 *
 * @author umami-spring-boot contributors
 */
final class LoggingUmamiTransport implements UmamiTransport {

	private static final Log logger = LogFactory.getLog(LoggingUmamiTransport.class);

	/**
	 * Payload members left out of the INFO line: personal data of the visitor.
	 */
	private static final Map<String, String> WITHHELD = withheldMembers();

	/**
	 * The result of every event in dry-run mode.
	 */
	private static final UmamiResult.Dropped DRY_RUN = new UmamiResult.Dropped(
			"dry run: the event was logged, not sent");

	private static final Mono<UmamiHeartbeat> HEARTBEAT = Mono.just(UmamiHeartbeat.unknown(Map.of("dryRun", true)));

	@Override
	public boolean isDryRun() {
		return true;
	}

	@Override
	public Mono<UmamiHeartbeat> heartbeat() {
		return HEARTBEAT;
	}

	@Override
	public Mono<UmamiResult> send(UmamiRequest request) {
		return Mono.fromSupplier(() -> {
			if (logger.isInfoEnabled()) {
				logger.info(withheld(request.body()));
			}
			if (logger.isDebugEnabled()) {
				logger.debug(LogMessage.format("Umami dry run, complete request (User-Agent: %s): %s",
						request.userAgent(), request.body()));
			}
			return DRY_RUN;
		});
	}

	/**
	 * Return the INFO line: the body without the visitor's personal data, saying what was
	 * withheld.
	 */
	static String withheld(String body) {
		Object json;
		try {
			json = StrictJsonReader.read(body);
		}
		catch (IllegalArgumentException ex) {
			return "Umami dry run, would send a request of " + body.length()
					+ " characters (logged at DEBUG only: it is not JSON, so the visitor's data cannot be withheld)";
		}
		Set<String> withheld = new HashSet<>();
		StringBuilder result = new StringBuilder("Umami dry run, would send ");
		write(result, json, withheld, 0);
		List<String> described = new ArrayList<>();
		WITHHELD.forEach((member, description) -> {
			if (withheld.contains(member)) {
				described.add(description);
			}
		});
		if (!described.isEmpty()) {
			String last = described.remove(described.size() - 1);
			String all = described.isEmpty() ? last : String.join(", ", described) + " and " + last;
			result.append(" (the visitor's ").append(all).append(" withheld; logged at DEBUG)");
		}
		return result.toString();
	}

	private static Map<String, String> withheldMembers() {
		Map<String, String> members = new LinkedHashMap<>();
		members.put("ip", "IP");
		members.put("userAgent", "User-Agent");
		members.put("id", "distinct id");
		return members;
	}

	/**
	 * Write a value read by {@link StrictJsonReader} back as JSON, leaving out the
	 * visitor members of each {@code payload} object.
	 */
	private static void write(StringBuilder json, @Nullable Object value, Set<String> withheld, int depth) {
		if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String name = String.valueOf(entry.getKey());
				if (depth == 1 && WITHHELD.containsKey(name)) {
					withheld.add(name);
					continue;
				}
				json.append(first ? "" : ",");
				first = false;
				string(json, name);
				json.append(':');
				write(json, entry.getValue(), withheld, ("payload".equals(name) && depth == 0) ? 1 : 2);
			}
			json.append('}');
		}
		else if (value instanceof List<?> list) {
			json.append('[');
			for (int i = 0; i < list.size(); i++) {
				json.append((i > 0) ? "," : "");
				// A batch: an array of request bodies
				write(json, list.get(i), withheld, (depth == 0) ? 0 : 2);
			}
			json.append(']');
		}
		else if (value instanceof String string) {
			string(json, string);
		}
		else {
			json.append(value);
		}
	}

	private static void string(StringBuilder json, String string) {
		json.append('"');
		for (int i = 0; i < string.length(); i++) {
			char ch = string.charAt(i);
			if (ch == '"' || ch == '\\') {
				json.append('\\').append(ch);
			}
			else if (ch < 0x20) {
				json.append(String.format("\\u%04x", (int) ch));
			}
			else {
				json.append(ch);
			}
		}
		json.append('"');
	}

}
