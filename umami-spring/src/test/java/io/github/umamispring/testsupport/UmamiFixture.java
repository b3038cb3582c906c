package io.github.umamispring.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import mockwebserver3.MockResponse;

import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StreamUtils;

/**
 * A request/response pair recorded from a real Umami 3.1.0, loaded from
 * {@code src/test/resources/fixtures/umami-3.1.0}.
 *
 * @param name the fixture's file name without extension
 * @param requestBody the recorded request body as JSON text
 * @param status the recorded response status
 * @param contentType the recorded response content type
 * @param responseBody the recorded response body as text
 */
public record UmamiFixture(String name, String requestBody, int status, String contentType, String responseBody) {

	@SuppressWarnings("unchecked")
	public static UmamiFixture load(String name) {
		ClassPathResource resource = new ClassPathResource("fixtures/umami-3.1.0/" + name + ".json");
		try (InputStream in = resource.getInputStream()) {
			Map<String, Object> fixture = Json.parseMap(StreamUtils.copyToString(in, StandardCharsets.UTF_8));
			Map<String, Object> request = (Map<String, Object>) fixture.get("request");
			Map<String, Object> response = (Map<String, Object>) fixture.get("response");
			Object body = response.get("body");
			return new UmamiFixture(name, toJson(request.get("body")), ((Number) response.get("status")).intValue(),
					(String) response.get("contentType"), (body instanceof String text) ? text : toJson(body));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String toJson(Object value) {
		return (value instanceof String text) ? text : Json.write(value);
	}

	/**
	 * Return the recorded response, to be answered by a {@code MockWebServer}.
	 * @return the response
	 */
	public MockResponse response() {
		return new MockResponse.Builder().code(this.status)
			.addHeader("Content-Type", this.contentType)
			.body(this.responseBody)
			.build();
	}

}
