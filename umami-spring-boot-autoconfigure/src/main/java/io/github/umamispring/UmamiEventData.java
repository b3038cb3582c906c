package io.github.umamispring;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonWriter;
import org.springframework.util.ReflectionUtils;

/**
 * Turns event data into the JSON-ready values Umami stores well, and checks it against
 * the limits Umami's database enforces.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventData {

	/**
	 * Most data properties Umami stores for one event (nested keys counted once each).
	 */
	static final int MAX_PROPERTIES = 50;

	/**
	 * Longest string value Umami's {@code event_data.string_value} column holds.
	 */
	static final int MAX_STRING_LENGTH = 500;

	/**
	 * Numbers are stored as {@code decimal(19, 4)}: 15 digits before the point.
	 */
	private static final BigDecimal MAX_NUMBER = BigDecimal.TEN.pow(15);

	/**
	 * The only string form Umami stores as a date (with milliseconds, in UTC).
	 */
	private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final JsonWriter<Object> JSON = JsonWriter.standard();

	private UmamiEventData() {
	}

	static Map<String, @Nullable Object> normalize(@Nullable Map<String, ?> data) {
		if (data == null || data.isEmpty()) {
			return Collections.emptyMap();
		}
		return Collections.unmodifiableMap(normalizeMap(data, ""));
	}

	private static Map<String, @Nullable Object> normalizeMap(Map<?, ?> map, String path) {
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		map.forEach((key, value) -> {
			if (key == null) {
				throw new IllegalArgumentException("Event data " + describe(path) + "has a null key");
			}
			String name = key.toString();
			result.put(name, normalizeValue(value, path + name));
		});
		return result;
	}

	private static @Nullable Object normalizeValue(@Nullable Object value, String path) {
		if (value == null || value instanceof String || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Number number) {
			return checkNumber(number, path);
		}
		if (value instanceof Optional<?> optional) {
			return normalizeValue(optional.orElse(null), path);
		}
		if (value instanceof Instant instant) {
			return DATE_FORMAT.format(instant);
		}
		if (value instanceof OffsetDateTime dateTime) {
			return DATE_FORMAT.format(dateTime.toInstant());
		}
		if (value instanceof ZonedDateTime dateTime) {
			return DATE_FORMAT.format(dateTime.toInstant());
		}
		if (value instanceof Date date) {
			return DATE_FORMAT.format(date.toInstant());
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		if (value instanceof Map<?, ?> map) {
			return Collections.unmodifiableMap(normalizeMap(map, path + "."));
		}
		if (value instanceof Iterable<?> iterable) {
			List<@Nullable Object> list = new ArrayList<>();
			iterable.forEach((element) -> list.add(normalizeValue(element, path + "[]")));
			return Collections.unmodifiableList(list);
		}
		if (value.getClass().isArray()) {
			List<@Nullable Object> list = new ArrayList<>();
			for (int i = 0; i < Array.getLength(value); i++) {
				list.add(normalizeValue(Array.get(value, i), path + "[]"));
			}
			return Collections.unmodifiableList(list);
		}
		if (value instanceof Record record) {
			return Collections.unmodifiableMap(normalizeMap(recordComponents(record), path + "."));
		}
		return value.toString();
	}

	private static Map<String, @Nullable Object> recordComponents(Record record) {
		Map<String, @Nullable Object> components = new LinkedHashMap<>();
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			ReflectionUtils.makeAccessible(component.getAccessor());
			components.put(component.getName(), ReflectionUtils.invokeMethod(component.getAccessor(), record));
		}
		return components;
	}

	private static Number checkNumber(Number number, String path) {
		if ((number instanceof Double d && !Double.isFinite(d)) || (number instanceof Float f && !Float.isFinite(f))) {
			throw new IllegalArgumentException(
					"Event data '" + path + "' is " + number + ", which JSON cannot carry; send a finite number");
		}
		BigDecimal decimal = (number instanceof BigDecimal bigDecimal) ? bigDecimal
				: (number instanceof BigInteger bigInteger) ? new BigDecimal(bigInteger)
						: new BigDecimal(number.toString());
		if (decimal.abs().compareTo(MAX_NUMBER) >= 0) {
			throw new IllegalArgumentException("Event data '" + path + "' is " + number
					+ "; Umami stores numbers as decimal(19,4) and answers 500 for values of 10^15 or more"
					+ " (send it as a string)");
		}
		return number;
	}

	/**
	 * Check the limits Umami's storage has but its validation does not: over them, Umami
	 * stores the event and then answers 500, so a retry would duplicate it.
	 * @param data normalized event data
	 */
	static void validate(Map<String, @Nullable Object> data) {
		Map<String, @Nullable Object> flattened = new LinkedHashMap<>();
		flatten(data, "", flattened);
		if (flattened.size() > MAX_PROPERTIES) {
			throw new IllegalArgumentException("Event data has " + flattened.size()
					+ " properties (nested keys counted one each); Umami stores at most " + MAX_PROPERTIES);
		}
		flattened.forEach((key, value) -> {
			String stored = (value instanceof List<?>) ? JSON.writeToString(value)
					: (value instanceof String string) ? string : null;
			if (stored != null && stored.length() > MAX_STRING_LENGTH) {
				throw new IllegalArgumentException(
						"Event data '" + key + "' is " + stored.length() + " characters long; Umami stores at most "
								+ MAX_STRING_LENGTH + " and answers 500 after saving the event when a value is longer");
			}
		});
	}

	/**
	 * Flatten the way Umami does: nested objects become dot keys, arrays stay one value.
	 */
	private static void flatten(Map<?, ?> map, String prefix, Map<String, @Nullable Object> result) {
		map.forEach((key, value) -> {
			String name = prefix + key;
			if (value instanceof Map<?, ?> nested) {
				flatten(nested, name + ".", result);
			}
			else {
				result.put(name, value);
			}
		});
	}

	private static String describe(String path) {
		return path.isEmpty() ? "" : "'" + path + "' ";
	}

}
