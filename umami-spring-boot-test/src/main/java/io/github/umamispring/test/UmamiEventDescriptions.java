package io.github.umamispring.test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.umamispring.UmamiEvent;
import org.jspecify.annotations.Nullable;

/**
 * Descriptions and comparisons of recorded events shared by the assertions and the
 * tracker's await methods.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventDescriptions {

	private UmamiEventDescriptions() {
	}

	/**
	 * Describe what was recorded, for a failure message.
	 * @param events the recorded events
	 * @return for example {@code "no event was recorded"}
	 */
	static String describe(List<UmamiEvent> events) {
		if (events.isEmpty()) {
			return "no event was recorded";
		}
		StringBuilder description = new StringBuilder();
		description.append((events.size() == 1) ? "1 event was recorded:" : events.size() + " events were recorded:");
		for (UmamiEvent event : events) {
			description.append(System.lineSeparator()).append("  ").append(describe(event));
		}
		return description.toString();
	}

	static String describe(UmamiEvent event) {
		StringBuilder description = new StringBuilder();
		if (event.getKind() == UmamiEvent.Kind.IDENTIFY) {
			description.append("identify");
		}
		else if (event.getKind() == UmamiEvent.Kind.PAGEVIEW) {
			description.append("pageview");
		}
		else {
			description.append("event \"").append(event.getName()).append('"');
		}
		appendIfSet(description, "url", event.getUrl());
		appendIfSet(description, "title", event.getTitle());
		appendIfSet(description, "tag", event.getTag());
		appendIfSet(description, "id", event.getId());
		if (!event.getData().isEmpty()) {
			description.append(" data=").append(event.getData());
		}
		return description.toString();
	}

	private static void appendIfSet(StringBuilder description, String label, @Nullable String value) {
		if (value != null) {
			description.append(' ').append(label).append("=\"").append(value).append('"');
		}
	}

	/**
	 * Return whether the event's data holds the value under the key, comparing the way
	 * Umami stores data: the expected value is normalized as event data would be (dates,
	 * enums, records), numbers are compared by value, and a dotted key such as
	 * {@code order.total} finds a nested value.
	 * @param event the event
	 * @param key the data key, possibly dotted
	 * @param expected the expected value
	 * @return whether the data matches
	 */
	static boolean hasData(UmamiEvent event, String key, @Nullable Object expected) {
		Map<String, @Nullable Object> flattened = flatten(event.getData());
		if (!flattened.containsKey(key) && !event.getData().containsKey(key)) {
			return false;
		}
		Object actual = event.getData().containsKey(key) ? event.getData().get(key) : flattened.get(key);
		return valuesEqual(actual, normalize(expected));
	}

	private static @Nullable Object normalize(@Nullable Object value) {
		// Normalize exactly as the event builder does, so that an enum, a date or a
		// record compares equal to what the code under test tracked
		return UmamiEvent.event("expected").data("value", value).build().getData().get("value");
	}

	static boolean valuesEqual(@Nullable Object actual, @Nullable Object expected) {
		if (actual instanceof Number actualNumber && expected instanceof Number expectedNumber) {
			return toBigDecimal(actualNumber).compareTo(toBigDecimal(expectedNumber)) == 0;
		}
		if (actual instanceof List<?> actualList && expected instanceof List<?> expectedList) {
			if (actualList.size() != expectedList.size()) {
				return false;
			}
			Iterator<?> expectedElements = expectedList.iterator();
			for (Object element : actualList) {
				if (!valuesEqual(element, expectedElements.next())) {
					return false;
				}
			}
			return true;
		}
		if (actual instanceof Map<?, ?> actualMap && expected instanceof Map<?, ?> expectedMap) {
			if (!actualMap.keySet().equals(expectedMap.keySet())) {
				return false;
			}
			for (Map.Entry<?, ?> entry : actualMap.entrySet()) {
				if (!valuesEqual(entry.getValue(), expectedMap.get(entry.getKey()))) {
					return false;
				}
			}
			return true;
		}
		return Objects.equals(actual, expected);
	}

	private static BigDecimal toBigDecimal(Number number) {
		if (number instanceof BigDecimal decimal) {
			return decimal;
		}
		if (number instanceof BigInteger integer) {
			return new BigDecimal(integer);
		}
		return new BigDecimal(number.toString());
	}

	/**
	 * Flatten nested data to dotted keys, as Umami stores it.
	 */
	private static Map<String, @Nullable Object> flatten(Map<String, @Nullable Object> data) {
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		flatten(data, "", result);
		return result;
	}

	private static void flatten(Map<?, ?> data, String prefix, Map<String, @Nullable Object> result) {
		data.forEach((key, value) -> {
			String name = prefix + key;
			if (value instanceof Map<?, ?> nested) {
				flatten(nested, name + ".", result);
			}
			else {
				result.put(name, value);
			}
		});
	}

}
