package io.github.umamispring.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import mockwebserver3.MockResponse;

import org.springframework.boot.json.BasicJsonParser;
import org.springframework.boot.json.JsonWriter;

/**
 * Recorded Umami 3.1.0 exchanges, from {@code src/test/resources/fixtures/umami-3.1.0}.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiFixtures {

	private UmamiFixtures() {
	}

	/**
	 * Return the recorded response as a {@link MockResponse}.
	 * @param name the fixture name, such as {@code send-event-accepted}
	 * @return the response
	 */
	public static MockResponse response(String name) {
		Map<String, Object> response = recordedResponse(name);
		return new MockResponse.Builder().code(((Number) response.get("status")).intValue())
			.addHeader("Content-Type", response.get("contentType"))
			.body(JsonWriter.standard().writeToString(response.get("body")))
			.build();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> recordedResponse(String name) {
		String path = "/fixtures/umami-3.1.0/" + name + ".json";
		try (InputStream in = UmamiFixtures.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + path);
			}
			Map<String, Object> fixture = new BasicJsonParser()
				.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			return (Map<String, Object>) fixture.get("response");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
