package io.github.umamispring.transport;

import java.time.Duration;
import java.util.List;

import io.github.umamispring.UmamiHttpException;
import io.github.umamispring.UmamiResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiBatchResponse} as {@link UmamiResponseParser} reads it from
 * Umami's answers to {@code /api/batch}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiBatchResponseTests {

	private final UmamiResponseParser parser = new UmamiResponseParser();

	@Test
	void mapsEachDetailToItsEventByIndex() {
		String body = "{\"size\":3,\"processed\":2,\"errors\":1,\"details\":[{\"index\":2,\"response\":"
				+ "{\"error\":{\"message\":\"Website not found.\",\"code\":\"bad-request\",\"status\":400}}}],"
				+ "\"cache\":\"eyJtoken\"}";
		UmamiBatchResponse response = this.parser.parseBatch(200, body, null, 3);
		assertThat(response.failure()).isNull();
		assertThat(response.cacheToken()).isEqualTo("eyJtoken");
		assertThat(response.results()).containsExactly(new UmamiResult.Accepted(null, null, null),
				new UmamiResult.Accepted(null, null, null), new UmamiResult.Rejected(400, "Website not found."));
	}

	@Test
	void reportsAMissingEndpointAsUnsupported() {
		assertThat(this.parser.parseBatch(404, "Not Found", null, 2).isUnsupported()).isTrue();
		assertThat(this.parser.parseBatch(405, "", null, 2).isUnsupported()).isTrue();
		assertThat(this.parser.parseBatch(400, "{\"error\":\"Bad request\"}", null, 2).isUnsupported()).isFalse();
	}

	@Test
	void keepsRetryAfterOfARateLimitedBatch() {
		UmamiBatchResponse response = this.parser.parseBatch(429, "Too Many Requests", "3", 2);
		assertThat(response.failure()).isInstanceOfSatisfying(UmamiResult.Failed.class,
				(failed) -> assertThat(((UmamiHttpException) failed.cause()).getRetryAfter())
					.isEqualTo(Duration.ofSeconds(3)));
	}

	@Test
	void failsAnUnrecognizedSuccessBody() {
		assertThat(this.parser.parseBatch(200, "<html>proxy</html>", null, 2).failure())
			.isInstanceOf(UmamiResult.Failed.class);
	}

	@Test
	void readsRetryAfterInSecondsOrAsAnHttpDate() {
		assertThat(UmamiResponseParser.parseRetryAfter("120")).isEqualTo(Duration.ofSeconds(120));
		assertThat(UmamiResponseParser.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
		assertThat(UmamiResponseParser.parseRetryAfter("soon")).isNull();
		assertThat(UmamiResponseParser.parseRetryAfter(null)).isNull();
	}

	@Test
	void requestAndResponseMaskTheCacheToken() {
		assertThat(new UmamiRequest("{}", "Mozilla/5.0", "eyJ.secret.token").toString()).doesNotContain("secret")
			.contains("cacheToken=******");
		assertThat(UmamiBatchResponse
			.of(List.of(new UmamiResult.Accepted(null, null, "eyJ.secret.token")), "eyJ.secret.token")
			.toString()).doesNotContain("secret").contains("cacheToken=******");
	}

}
