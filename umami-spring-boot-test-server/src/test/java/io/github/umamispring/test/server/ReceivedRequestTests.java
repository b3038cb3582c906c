package io.github.umamispring.test.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReceivedRequest}.
 *
 * @author umami-spring-boot contributors
 */
class ReceivedRequestTests {

	private static final Instant RECEIVED_AT = Instant.parse("2026-11-29T12:00:00Z");

	@Test
	void matchesHeaderNamesIgnoringCase() {
		ReceivedRequest request = new ReceivedRequest("POST", "/api/send", null,
				Map.of("Content-type", List.of("application/json"), "X-umami-cache", List.of("a", "b")), "{}",
				RECEIVED_AT);
		assertThat(request.header("content-type")).isEqualTo("application/json");
		assertThat(request.header("X-UMAMI-CACHE")).isEqualTo("a");
		assertThat(request.headers().get("x-umami-cache")).containsExactly("a", "b");
		assertThat(request.header("User-Agent")).isNull();
	}

	@Test
	void keepsWhatWasReceived() {
		ReceivedRequest request = new ReceivedRequest("GET", "/api/heartbeat", "a=1", Map.of(), "", RECEIVED_AT);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/api/heartbeat");
		assertThat(request.query()).isEqualTo("a=1");
		assertThat(request.body()).isEmpty();
		assertThat(request.receivedAt()).isEqualTo(RECEIVED_AT);
		assertThat(request).hasToString("GET /api/heartbeat?a=1");
	}

	@Test
	void describesItselfWithAbbreviatedBody() {
		String body = "{\"x\":\"" + "y".repeat(600) + "\"}";
		ReceivedRequest request = new ReceivedRequest("POST", "/api/send", null, Map.of(), body, RECEIVED_AT);
		assertThat(request.toString()).startsWith("POST /api/send {\"x\":\"yyy").endsWith("...").hasSize(515);
	}

}
