package io.github.umamispring.testsupport;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiServerLimits}: it refuses what the recorded Umami refused, and
 * only that.
 */
class UmamiServerLimitsTests {

	@Test
	void refusesTheRecordedRefusals() {
		assertThat(UmamiServerLimits.refusal(payload("send-name-too-long"))).isNotNull()
			.extracting(UmamiFixture::status)
			.isEqualTo(400);
		assertThat(UmamiServerLimits.refusal(payload("send-data-value-too-long"))).isNotNull()
			.extracting(UmamiFixture::status)
			.isEqualTo(500);
	}

	@Test
	void acceptsTheRecordedAcceptedEvents() {
		assertThat(UmamiServerLimits.refusal(payload("send-event-accepted"))).isNull();
		assertThat(UmamiServerLimits.refusal(payload("send-pageview-accepted"))).isNull();
		assertThat(UmamiServerLimits.refusal(payload("send-public-ip-forwarded"))).isNull();
	}

	@Test
	void refusesNumbersItsColumnCannotHold() {
		assertThat(UmamiServerLimits.refusal(Map.of("data", Map.of("n", 1e15)))).isNotNull();
		assertThat(UmamiServerLimits.refusal(Map.of("data", Map.of("n", "1e15")))).isNull();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> payload(String fixture) {
		return (Map<String, Object>) Json.parseMap(UmamiFixture.load(fixture).requestBody()).get("payload");
	}

}
