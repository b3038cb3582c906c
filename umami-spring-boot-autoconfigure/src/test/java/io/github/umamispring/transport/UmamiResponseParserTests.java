package io.github.umamispring.transport;

import io.github.umamispring.UmamiHttpException;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiResult.Accepted;
import io.github.umamispring.UmamiResult.Failed;
import io.github.umamispring.UmamiResult.FilteredAsBot;
import io.github.umamispring.UmamiResult.Rejected;
import io.github.umamispring.testsupport.UmamiFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiResponseParser}: every recorded Umami 3.1.0 answer and the older
 * forms documented in PROTOCOL.md.
 */
class UmamiResponseParserTests {

	private final UmamiResponseParser parser = new UmamiResponseParser();

	@Test
	void acceptedEventHasSessionVisitAndToken() {
		UmamiResult result = parse("send-event-accepted");
		assertThat(result).isInstanceOf(Accepted.class);
		Accepted accepted = (Accepted) result;
		assertThat(accepted.sessionId()).isEqualTo("632c6aff-d117-5271-9377-9bb83e4add00");
		assertThat(accepted.visitId()).isEqualTo("19c58eea-cff2-5a87-8aa8-d57e9794eae5");
		assertThat(accepted.cacheToken()).startsWith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.")
			.endsWith("h7IT15ysf2I87IVDyfBFQsOsw90IZUh0rH5lSFPLsCQ");
		assertThat(result.isAccepted()).isTrue();
		assertThat(result.outcome()).isEqualTo("accepted");
	}

	@Test
	void acceptedPageviewIdentifyAndForwardedIp() {
		assertThat(parse("send-pageview-accepted")).isInstanceOf(Accepted.class);
		assertThat(((Accepted) parse("send-identify-accepted")).sessionId())
			.isEqualTo("6be0b72b-37b0-5f2b-b546-2399da4cc095");
		assertThat(((Accepted) parse("send-public-ip-forwarded")).sessionId())
			.isEqualTo("9de49fc7-def5-5de3-884a-c8cee41ff6db");
	}

	@Test
	void beepBoopIsABotNotASuccess() {
		UmamiResult result = parse("send-bot-filtered");
		assertThat(result).isInstanceOf(FilteredAsBot.class);
		assertThat(result.isAccepted()).isFalse();
		assertThat(result.outcome()).isEqualTo("bot");
	}

	@Test
	void unknownWebsiteIsRejectedWithUmamisMessage() {
		assertThat(parse("send-unknown-website")).isEqualTo(new Rejected(400, "Website not found."));
	}

	@Test
	void validationErrorsNameTheFieldAndTheProblem() {
		assertThat(parse("send-name-too-long")).isEqualTo(
				new Rejected(400, "Bad request: payload.name: Too big: expected string to have <=50 characters"));
		assertThat(parse("send-missing-website")).isEqualTo(new Rejected(400,
				"Bad request: payload.website: Exactly one of website, link, or pixel must be provided"));
		assertThat(parse("send-malformed-website"))
			.isEqualTo(new Rejected(400, "Bad request: payload.website: Invalid UUID"));
		assertThat(parse("send-missing-type")).isEqualTo(new Rejected(400,
				"Bad request: type: Invalid option: expected one of \"event\"|\"identify\"|\"performance\""));
		assertThat(parse("send-invalid-json"))
			.isEqualTo(new Rejected(400, "Bad request: Invalid input: expected object, received undefined"));
		assertThat(parse("batch-not-array"))
			.isEqualTo(new Rejected(400, "Bad request: Invalid input: expected array, received object"));
	}

	@Test
	void serverErrorIsAFailureCarryingStatusAndMessage() {
		UmamiResult result = parse("send-data-value-too-long");
		assertThat(result).isInstanceOf(Failed.class);
		assertThat(((Failed) result).cause()).isInstanceOfSatisfying(UmamiHttpException.class, (ex) -> {
			assertThat(ex.getStatus()).isEqualTo(500);
			assertThat(ex.getResponseMessage()).isEqualTo("Server error");
		});
	}

	@Test
	void plainTextTokenOfUmami2IsAccepted() {
		String token = "eyJhbGciOiJIUzI1NiJ9.eyJzZXNzaW9uSWQiOiJ4In0.c2ln";
		assertThat(this.parser.parse(200, token + "\n")).isEqualTo(new Accepted(null, null, token));
	}

	@Test
	void cacheAloneOfUmami216IsAccepted() {
		assertThat(this.parser.parse(200, "{\"cache\":\"abc.def.ghi\"}"))
			.isEqualTo(new Accepted(null, null, "abc.def.ghi"));
	}

	@Test
	void emptyObjectOfOldUmamiIsABot() {
		assertThat(this.parser.parse(200, "{}")).isInstanceOf(FilteredAsBot.class);
	}

	@Test
	void stringAndArrayErrorsOfUmami217AreRejected() {
		assertThat(this.parser.parse(400, "{\"error\":\"Invalid payload\"}"))
			.isEqualTo(new Rejected(400, "Invalid payload"));
		assertThat(this.parser.parse(400, "{\"error\":[\"name is too long\",\"url is required\"]}"))
			.isEqualTo(new Rejected(400, "name is too long; url is required"));
	}

	@ParameterizedTest
	@CsvSource({ "400", "403", "404" })
	void plainTextWebsiteNotFoundOfUmami2IsRejected(int status) {
		assertThat(this.parser.parse(status, "Website not found."))
			.isEqualTo(new Rejected(status, "Website not found."));
	}

	@Test
	void usageLimitOf429IsAFailureSoItCanBeRetried() {
		UmamiResult result = this.parser.parse(429, "Usage Limit.");
		assertThat(result).isInstanceOfSatisfying(Failed.class,
				(failed) -> assertThat(failed.cause()).isInstanceOfSatisfying(UmamiHttpException.class, (ex) -> {
					assertThat(ex.getStatus()).isEqualTo(429);
					assertThat(ex.getResponseMessage()).isEqualTo("Usage Limit.");
				}));
	}

	@Test
	void emptyErrorBodyUsesTheReasonPhrase() {
		assertThat(this.parser.parse(503, "")).isInstanceOfSatisfying(Failed.class,
				(failed) -> assertThat(failed.cause()).hasMessage("Umami answered 503: Service Unavailable"));
		assertThat(this.parser.parse(405, "")).isEqualTo(new Rejected(405, "Method Not Allowed"));
	}

	@Test
	void unknownBodiesNeverThrow() {
		assertThat(this.parser.parse(200, "{\"ok\":true}")).isInstanceOf(Failed.class);
		assertThat(this.parser.parse(200, "<html><body>Welcome to nginx</body></html>")).isInstanceOf(Failed.class);
		assertThat(this.parser.parse(200, "")).isInstanceOf(Failed.class);
		assertThat(this.parser.parse(200, "{\"cache\": ")).isInstanceOf(Failed.class);
		assertThat(this.parser.parse(200, "{\"cache\":")).isInstanceOf(Failed.class);
		assertThat(this.parser.parse(200, "OK")).isInstanceOf(Failed.class);
		assertThat(this.parser.parse(200, "[1,2]")).isInstanceOf(Failed.class);
		assertThat(this.parser.parse(502, "<html>Bad Gateway</html>")).isInstanceOf(Failed.class);
		assertThat(this.parser.parse(400, "{\"error\":{}}")).isEqualTo(new Rejected(400, "Error"));
		assertThat(this.parser.parse(418, "x".repeat(1000))).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> assertThat(rejected.message()).hasSize(300).endsWith("..."));
	}

	private UmamiResult parse(String fixtureName) {
		UmamiFixture fixture = UmamiFixture.load(fixtureName);
		return this.parser.parse(fixture.status(), fixture.responseBody());
	}

}
