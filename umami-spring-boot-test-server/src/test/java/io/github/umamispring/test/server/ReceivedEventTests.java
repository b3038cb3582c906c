package io.github.umamispring.test.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReceivedEvent}.
 *
 * @author umami-spring-boot contributors
 */
class ReceivedEventTests {

	private static final ReceivedRequest REQUEST = new ReceivedRequest("POST", "/api/send", null, Map.of(), "",
			Instant.EPOCH);

	@Test
	void readsEveryPayloadField() {
		ReceivedEvent event = event("""
				{"type":"event","payload":{"website":"51499dbe-116f-42b4-9a2e-dfcfc230677f","hostname":"example.com",\
				"language":"en-US","referrer":"https://www.google.com/","screen":"1920x1080","title":"Pricing",\
				"url":"/pricing?plan=pro","name":"signup","tag":"b","id":"user-42","ip":"81.2.69.160",\
				"userAgent":"Mozilla/5.0","timestamp":1795697166,"data":{"plan":"pro","seats":3,"trial":true,\
				"price":9.99,"tags":["a","b"],"address":{"city":"Berlin"}}}}""");
		assertThat(event.type()).isEqualTo("event");
		assertThat(event.isPageview()).isFalse();
		assertThat(event.website()).isEqualTo("51499dbe-116f-42b4-9a2e-dfcfc230677f");
		assertThat(event.hostname()).isEqualTo("example.com");
		assertThat(event.language()).isEqualTo("en-US");
		assertThat(event.referrer()).isEqualTo("https://www.google.com/");
		assertThat(event.screen()).isEqualTo("1920x1080");
		assertThat(event.title()).isEqualTo("Pricing");
		assertThat(event.url()).isEqualTo("/pricing?plan=pro");
		assertThat(event.name()).isEqualTo("signup");
		assertThat(event.tag()).isEqualTo("b");
		assertThat(event.id()).isEqualTo("user-42");
		assertThat(event.ip()).isEqualTo("81.2.69.160");
		assertThat(event.userAgent()).isEqualTo("Mozilla/5.0");
		assertThat(event.timestamp()).isEqualTo(1795697166L);
		assertThat(event.data()).containsExactly(Map.entry("plan", "pro"), Map.entry("seats", 3),
				Map.entry("trial", true), Map.entry("price", 9.99), Map.entry("tags", List.of("a", "b")),
				Map.entry("address", Map.of("city", "Berlin")));
		assertThat(event.request()).isSameAs(REQUEST);
	}

	@Test
	void keepsJsonExactlyAsSent() {
		String payload = "{ \"website\" : \"w\",\"url\":\"/\\u0070\" }";
		String json = "{\"type\":\"event\",  \"payload\":" + payload + "}";
		ReceivedEvent event = event(json);
		assertThat(event.json()).isEqualTo(json);
		assertThat(event.payloadJson()).isEqualTo(payload);
		assertThat(event.url()).isEqualTo("/p");
		assertThat(event).hasToString(json);
	}

	@Test
	void pageviewIsEventWithoutName() {
		assertThat(event("{\"type\":\"event\",\"payload\":{\"url\":\"/\"}}").isPageview()).isTrue();
		assertThat(event("{\"type\":\"identify\",\"payload\":{\"id\":\"u\"}}").isPageview()).isFalse();
	}

	@Test
	void fieldsThatAreAbsentOrNotStringsAreNull() {
		ReceivedEvent event = event("{\"payload\":{\"name\":5,\"timestamp\":1.5,\"data\":\"x\"}}");
		assertThat(event.type()).isNull();
		assertThat(event.name()).isNull();
		assertThat(event.url()).isNull();
		assertThat(event.timestamp()).isNull();
		assertThat(event.data()).isEmpty();
		assertThat(event.payload()).containsEntry("name", 5);
	}

	@Test
	void payloadAndDataAreUnmodifiable() {
		ReceivedEvent event = event("{\"type\":\"event\",\"payload\":{\"data\":{\"a\":[1]}}}");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> event.payload().put("x", 1));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> event.data().clear());
	}

	private static ReceivedEvent event(String json) {
		JsonObject item = (JsonObject) Json.read(json);
		return new ReceivedEvent(REQUEST, item, (JsonObject) item.get("payload"));
	}

}
