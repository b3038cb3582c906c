package io.github.umamispring.test.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The bodies and messages of responses recorded from a real Umami 3.1.0: the fixtures in
 * {@code umami-3.1.0/} next to this class.
 *
 * @author umami-spring-boot contributors
 */
final class RecordedResponses {

	private static final String FIXTURES = "umami-3.1.0/";

	private RecordedResponses() {
	}

	/**
	 * Return the body of a recorded response.
	 * @param fixture the fixture's name, without {@code .json}
	 * @return the body, deeply unmodifiable
	 * @throws IllegalStateException if there is no such fixture
	 */
	@SuppressWarnings("unchecked")
	static Map<String, @Nullable Object> body(String fixture) {
		String resource = FIXTURES + fixture + ".json";
		try (InputStream in = RecordedResponses.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing recorded Umami response " + resource);
			}
			Map<String, @Nullable Object> recorded = (Map<String, @Nullable Object>) Json
				.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			return (Map<String, @Nullable Object>) Json
				.unmodifiable(((Map<String, @Nullable Object>) recorded.get("response")).get("body"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return a message of a recorded response body.
	 * @param fixture the fixture's name, without {@code .json}
	 * @param path the member names and array indexes leading to the message
	 * @return the message
	 */
	static String message(String fixture, Object... path) {
		Object current = body(fixture);
		for (Object step : path) {
			current = (step instanceof Integer index) ? ((List<?>) current).get(index)
					: ((Map<?, ?>) current).get(step);
		}
		return (String) current;
	}

}
