package io.github.umamispring.transport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoggingUmamiTransport}'s INFO line.
 */
class LoggingUmamiTransportTests {

	@Test
	void withholdsVisitorMembersOfThePayloadOnly() {
		String body = "{\"type\":\"identify\",\"payload\":{\"website\":\"w\",\"url\":\"/\\\"q\\\"\","
				+ "\"data\":{\"id\":7,\"ip\":\"kept: event data\",\"n\":[1.5,true,null]},\"id\":\"user-42\","
				+ "\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\"}}";
		assertThat(LoggingUmamiTransport.withheld(body)).isEqualTo("Umami dry run, would send {\"type\":\"identify\","
				+ "\"payload\":{\"website\":\"w\",\"url\":\"/\\\"q\\\"\",\"data\":{\"id\":7,\"ip\":\"kept: event data\","
				+ "\"n\":[1.5,true,null]}}} (the visitor's IP, User-Agent and distinct id withheld; logged at DEBUG)");
	}

	@Test
	void namesOnlyWhatWasWithheld() {
		assertThat(
				LoggingUmamiTransport.withheld("{\"type\":\"event\",\"payload\":{\"name\":\"n\",\"ip\":\"1.2.3.4\"}}"))
			.isEqualTo("Umami dry run, would send {\"type\":\"event\",\"payload\":{\"name\":\"n\"}}"
					+ " (the visitor's IP withheld; logged at DEBUG)");
		assertThat(LoggingUmamiTransport.withheld("{\"type\":\"event\",\"payload\":{\"name\":\"n\"}}"))
			.isEqualTo("Umami dry run, would send {\"type\":\"event\",\"payload\":{\"name\":\"n\"}}");
	}

	@Test
	void withholdsVisitorMembersOfEachEventOfABatch() {
		String body = "[{\"type\":\"event\",\"payload\":{\"name\":\"a\",\"userAgent\":\"UA\"}},"
				+ "{\"type\":\"event\",\"payload\":{\"name\":\"b\",\"id\":\"d\"}}]";
		assertThat(LoggingUmamiTransport.withheld(body)).isEqualTo("Umami dry run, would send [{\"type\":\"event\","
				+ "\"payload\":{\"name\":\"a\"}},{\"type\":\"event\",\"payload\":{\"name\":\"b\"}}]"
				+ " (the visitor's User-Agent and distinct id withheld; logged at DEBUG)");
	}

	@Test
	void logsNothingOfABodyItCannotRead() {
		assertThat(LoggingUmamiTransport.withheld("{\"ip\":\"203.0.113.7\"")).doesNotContain("203.0.113.7")
			.contains("logged at DEBUG only");
	}

}
