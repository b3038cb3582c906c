package io.github.umamispring.testsupport;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a real Umami 3.1.0 with PostgreSQL refuses of a send payload, answered with its
 * recorded refusals: a 400 ({@code send-name-too-long}) for a field its validation
 * limits, a 500 after storing the event ({@code send-data-value-too-long}) for event data
 * its database cannot hold.
 */
public final class UmamiServerLimits {

	private static final Map<String, Integer> VALIDATED_LENGTHS = Map.of("name", 50, "tag", 50, "hostname", 100,
			"language", 35, "screen", 11);

	private static final BigDecimal MAX_NUMBER = BigDecimal.TEN.pow(15);

	private UmamiServerLimits() {
	}

	/**
	 * Return the recorded answer of Umami to a payload it refuses.
	 * @param payload the {@code payload} of a send body
	 * @return the refusal, or {@code null} when Umami stores the event
	 */
	public static @Nullable UmamiFixture refusal(Map<String, Object> payload) {
		for (Map.Entry<String, Integer> limit : VALIDATED_LENGTHS.entrySet()) {
			if (payload.get(limit.getKey()) instanceof String value && value.length() > limit.getValue()) {
				return UmamiFixture.load("send-name-too-long");
			}
		}
		if (payload.get("data") instanceof Map<?, ?> data && !fits(data, "")) {
			return UmamiFixture.load("send-data-value-too-long");
		}
		return null;
	}

	/**
	 * Whether every property, flattened as Umami does, fits its {@code event_data} row:
	 * key and string value (an array is stored as its JSON) of at most 500 characters, a
	 * number of {@code decimal(19,4)}.
	 */
	private static boolean fits(Map<?, ?> data, String prefix) {
		for (Map.Entry<?, ?> entry : data.entrySet()) {
			String key = prefix + entry.getKey();
			Object value = entry.getValue();
			boolean fits = (value instanceof Map<?, ?> nested) ? fits(nested, key + ".")
					: key.length() <= 500 && stored(value).length() <= 500 && !(value instanceof Number number
							&& new BigDecimal(number.toString()).abs().compareTo(MAX_NUMBER) >= 0);
			if (!fits) {
				return false;
			}
		}
		return true;
	}

	private static String stored(@Nullable Object value) {
		return (value instanceof List<?>) ? Json.write(value) : String.valueOf(value);
	}

}
