package io.github.umamispring.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.umamispring.UmamiResult;
import io.github.umamispring.internal.UmamiJson;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
		// A batch is an array of request bodies
		for (Object request : (json instanceof List<?> batch) ? batch : Collections.singletonList(json)) {
			if (request instanceof Map<?, ?> map && map.get("payload") instanceof Map<?, ?> payload) {
				for (String member : WITHHELD.keySet()) {
					if (payload.containsKey(member)) {
						payload.remove(member);
						withheld.add(member);
					}
				}
			}
		}
		StringBuilder result = new StringBuilder("Umami dry run, would send ").append(UmamiJson.write(json));
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

}
