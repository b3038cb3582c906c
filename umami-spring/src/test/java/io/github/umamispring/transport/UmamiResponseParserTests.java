package io.github.umamispring.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link UmamiResponseParser}: every recorded Umami 3.1.0 answer and the older
 * forms documented in PROTOCOL.md, and property tests over truncated, mutated, random,
 * deeply nested and huge answers (seeded, so a failure repeats), each of which must end
 * in a result.
 */
class UmamiResponseParserTests {

	/**
	 * Generous bound on each property test as a whole: a hang fails the test rather than
	 * the build.
	 */
	private static final Duration HANG_GUARD = Duration.ofSeconds(60);

	private static final long SEED = 0x756d616d69L;

	/**
	 * A status of each kind the parser tells apart: success, refusal, retryable refusal,
	 * server error.
	 */
	private static final int[] STATUSES = { 200, 400, 429, 503 };

	private static final String JSON_CHARACTERS = "{}[]\":,\\/ \t\nabcdefnrtu0123456789.+-eE";

	private static final List<String> FIXTURES = List.of("batch-mixed", "batch-not-array", "heartbeat",
			"send-bot-filtered", "send-data-value-too-long", "send-event-accepted", "send-identify-accepted",
			"send-invalid-json", "send-malformed-website", "send-missing-type", "send-missing-website",
			"send-name-too-long", "send-pageview-accepted", "send-public-ip-forwarded", "send-unknown-website");

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

	@Test
	void answersEveryTruncationOfEveryRecordedAnswer() {
		assertTimeoutPreemptively(HANG_GUARD, () -> {
			for (String body : recordedBodies()) {
				for (int length = 0; length <= body.length(); length++) {
					assertAnswers(body.substring(0, length));
				}
			}
		});
	}

	@Test
	void answersRandomlyMutatedRecordedAnswers() {
		Random random = new Random(SEED);
		List<String> bodies = recordedBodies();
		assertTimeoutPreemptively(HANG_GUARD, () -> {
			for (int i = 0; i < 5_000; i++) {
				StringBuilder body = new StringBuilder(bodies.get(random.nextInt(bodies.size())));
				for (int mutations = 1 + random.nextInt(5); mutations > 0; mutations--) {
					mutate(body, random);
				}
				assertAnswers(body.toString());
			}
		});
	}

	@Test
	void answersRandomText() {
		Random random = new Random(SEED + 1);
		assertTimeoutPreemptively(HANG_GUARD, () -> {
			for (int i = 0; i < 5_000; i++) {
				StringBuilder text = new StringBuilder();
				for (int length = random.nextInt(300); length > 0; length--) {
					text.append(randomChar(random));
				}
				assertAnswers(text.toString());
			}
		});
	}

	@Test
	void answersDeeplyNestedAnswers() {
		assertTimeoutPreemptively(HANG_GUARD, () -> {
			for (int depth : new int[] { 5, 63, 64, 65, 1_000, 100_000 }) {
				assertAnswers("[".repeat(depth));
				assertAnswers("[".repeat(depth) + "]".repeat(depth));
				assertAnswers("{\"error\":".repeat(depth) + "\"x\"" + "}".repeat(depth));
				// Umami's validation errors, nested as deep as the answer goes
				assertAnswers("{\"error\":{\"message\":\"Bad request\",\"properties\":"
						+ "{\"a\":{\"errors\":[\"e\"],\"properties\":".repeat(depth) + "{}" + "}}".repeat(depth)
						+ "}}");
				assertAnswers("{\"details\":[{\"index\":0,\"response\":".repeat(depth) + "{}" + "}]}".repeat(depth));
			}
		});
	}

	@Test
	void answersHugeAnswers() {
		assertTimeoutPreemptively(HANG_GUARD, () -> {
			assertAnswers("{\"error\":\"" + "x".repeat(1_000_000) + "\"}");
			assertAnswers("{\"error\":[" + "\"problem\",".repeat(100_000) + "\"last\"]}");
			assertAnswers("{\"error\":{\"message\":\"m\",\"errors\":[" + "1,".repeat(100_000) + "1]}}");
			StringBuilder members = new StringBuilder("{");
			for (int i = 0; i < 100_000; i++) {
				members.append("\"k").append(i).append("\":").append(i).append(',');
			}
			assertAnswers(members.append("\"cache\":\"t\"}").toString());
			assertAnswers("{\"processed\":1,\"details\":[" + "{\"index\":1e999999999,\"response\":{}},".repeat(10_000)
					+ "{\"index\":0,\"response\":{\"error\":{\"status\":1e999999999}}}]}");
			assertAnswers("{\"cache\":" + "9".repeat(1_000_000) + "}");
			assertAnswers("\"" + "\\u00e9".repeat(100_000) + "\"");
		});
	}

	/**
	 * Parse the body as an answer to a send and to a batch, with statuses of every kind:
	 * there must be a result, and a refusal's message must stay short.
	 */
	private void assertAnswers(String body) {
		for (int status : STATUSES) {
			UmamiResult result = this.parser.parse(status, body, "120");
			assertThat(result).as("answer to %d %s", status, abbreviated(body)).isNotNull();
			if (result instanceof Rejected rejected) {
				assertThat(rejected.message()).hasSizeLessThanOrEqualTo(300);
			}
			UmamiBatchResponse batch = this.parser.parseBatch(status, body, null, 3);
			assertThat(batch).as("batch answer to %d %s", status, abbreviated(body)).isNotNull();
			assertThat((batch.failure() != null) ? List.of(batch.failure()) : batch.results()).doesNotContainNull()
				.hasSizeBetween(1, 3);
		}
	}

	private static String abbreviated(String body) {
		return (body.length() <= 200) ? body : body.substring(0, 200) + "... (" + body.length() + " characters)";
	}

	private static List<String> recordedBodies() {
		List<String> bodies = new ArrayList<>();
		for (String name : FIXTURES) {
			bodies.add(UmamiFixture.load(name).responseBody());
		}
		bodies.add("{\"size\":2,\"processed\":1,\"errors\":1,\"details\":[{\"index\":1,\"response\":"
				+ "{\"error\":{\"message\":\"Bad request\",\"status\":400}}}],\"cache\":\"a.b.c\"}");
		return bodies;
	}

	private static void mutate(StringBuilder body, Random random) {
		int position = (body.length() > 0) ? random.nextInt(body.length()) : 0;
		switch (random.nextInt(4)) {
			case 0 -> body.insert(position, randomChar(random));
			case 1 -> {
				if (body.length() > 0) {
					body.deleteCharAt(position);
				}
			}
			case 2 -> {
				if (body.length() > 0) {
					body.setCharAt(position, randomChar(random));
				}
			}
			default -> {
				int end = Math.min(body.length(), position + random.nextInt(40));
				body.insert(position, body.substring(position, end).repeat(1 + random.nextInt(50)));
			}
		}
	}

	private static char randomChar(Random random) {
		return (random.nextInt(4) > 0) ? JSON_CHARACTERS.charAt(random.nextInt(JSON_CHARACTERS.length()))
				: (char) random.nextInt(Character.MAX_VALUE + 1);
	}

	private UmamiResult parse(String fixtureName) {
		UmamiFixture fixture = UmamiFixture.load(fixtureName);
		return this.parser.parse(fixture.status(), fixture.responseBody());
	}

}
