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
 * Turns event data into the JSON-ready values Umami stores well, and fits it into the
 * limits of Umami's database, which Umami does not check: over them, it stores the event
 * and then answers 500, so a retry would duplicate it.
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
	 * Longest property key (nested keys joined with dots) Umami stores.
	 */
	static final int MAX_KEY_LENGTH = 500;

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
		return Collections.unmodifiableMap(normalizeMap(data));
	}

	private static Map<String, @Nullable Object> normalizeMap(Map<?, ?> map) {
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		map.forEach((key, value) -> result.put(String.valueOf(key), normalizeValue(value)));
		return result;
	}

	private static @Nullable Object normalizeValue(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
			return value;
		}
		if (value instanceof Optional<?> optional) {
			return normalizeValue(optional.orElse(null));
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
			return Collections.unmodifiableMap(normalizeMap(map));
		}
		if (value instanceof Iterable<?> iterable) {
			List<@Nullable Object> list = new ArrayList<>();
			iterable.forEach((element) -> list.add(normalizeValue(element)));
			return Collections.unmodifiableList(list);
		}
		if (value.getClass().isArray()) {
			List<@Nullable Object> list = new ArrayList<>();
			for (int i = 0; i < Array.getLength(value); i++) {
				list.add(normalizeValue(Array.get(value, i)));
			}
			return Collections.unmodifiableList(list);
		}
		if (value instanceof Record record) {
			return Collections.unmodifiableMap(normalizeMap(recordComponents(record)));
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

	/**
	 * Fit normalized data into what Umami stores, recording each change: a string (or a
	 * list, stored as its JSON) over {@value #MAX_STRING_LENGTH} characters is cut, a
	 * number Umami's column cannot hold is sent as a string, properties past the
	 * {@value #MAX_PROPERTIES}th (nested keys counted one each, as Umami flattens them)
	 * and keys over {@value #MAX_KEY_LENGTH} characters are left out.
	 * @param data normalized event data
	 * @param adjustments receives what was changed
	 * @return the data to send
	 */
	static Map<String, @Nullable Object> fit(Map<String, @Nullable Object> data, List<UmamiAdjustment> adjustments) {
		if (data.isEmpty()) {
			return data;
		}
		Fitting fitting = new Fitting(adjustments);
		Map<String, @Nullable Object> fitted = fitting.map(data, "");
		if (fitting.leftOut > 0) {
			fitting.adjust(fitting.leftOut + " properties past the " + MAX_PROPERTIES
					+ "th left out; Umami stores at most " + MAX_PROPERTIES);
		}
		return (fitting.changed) ? fitted : data;
	}

	/**
	 * One pass over the data, counting properties as Umami flattens them.
	 */
	private static final class Fitting {

		private final List<UmamiAdjustment> adjustments;

		private int properties;

		private int leftOut;

		private boolean changed;

		Fitting(List<UmamiAdjustment> adjustments) {
			this.adjustments = adjustments;
		}

		Map<String, @Nullable Object> map(Map<?, ?> map, String prefix) {
			Map<String, @Nullable Object> result = new LinkedHashMap<>();
			map.forEach((key, value) -> {
				String path = prefix + key;
				if (value instanceof Map<?, ?> nested) {
					// Umami stores the properties of a nested object, and nothing for an
					// empty one
					Map<String, @Nullable Object> fitted = map(nested, path + ".");
					if (!fitted.isEmpty() || nested.isEmpty()) {
						result.put(String.valueOf(key), fitted);
					}
				}
				else if (path.length() > MAX_KEY_LENGTH) {
					adjust("a property whose key is " + UmamiEventLimits.tooLong(path.length(), MAX_KEY_LENGTH)
							+ " left out");
				}
				else if (this.properties == MAX_PROPERTIES) {
					this.leftOut++;
					this.changed = true;
				}
				else {
					this.properties++;
					result.put(String.valueOf(key), value(value, path));
				}
			});
			return Collections.unmodifiableMap(result);
		}

		private @Nullable Object value(@Nullable Object value, String path) {
			if (value instanceof Number number) {
				return number(number, path);
			}
			if (value instanceof List<?> list) {
				List<@Nullable Object> finite = new ArrayList<>(list.size());
				list.forEach((element) -> finite.add(finite(element)));
				String stored = JSON.writeToString(finite);
				if (stored.length() > MAX_STRING_LENGTH) {
					adjust("'" + path + "' (a list) sent as its JSON text, cut: "
							+ UmamiEventLimits.tooLong(stored.length(), MAX_STRING_LENGTH));
					return UmamiEventLimits.cut(stored, MAX_STRING_LENGTH);
				}
				if (finite.equals(list)) {
					return list;
				}
				adjust("'" + path + "' (a list) holds numbers JSON cannot carry, sent as strings");
				return Collections.unmodifiableList(finite);
			}
			if (value instanceof String string && string.length() > MAX_STRING_LENGTH) {
				adjust("'" + path + "' cut: " + UmamiEventLimits.tooLong(string.length(), MAX_STRING_LENGTH));
				return UmamiEventLimits.cut(string, MAX_STRING_LENGTH);
			}
			return value;
		}

		private Object number(Number number, String path) {
			if (!isFinite(number)) {
				adjust("'" + path + "' sent as a string: JSON has no " + number);
				return number.toString();
			}
			if (toDecimal(number).abs().compareTo(MAX_NUMBER) >= 0) {
				adjust("'" + path + "' sent as a string: Umami stores numbers as decimal(19,4), below 10^15");
				String text = number.toString();
				return (text.length() > MAX_STRING_LENGTH) ? UmamiEventLimits.cut(text, MAX_STRING_LENGTH) : text;
			}
			return number;
		}

		/**
		 * Return a list element as JSON can carry it: NaN and infinities as strings.
		 */
		private static @Nullable Object finite(@Nullable Object element) {
			if (element instanceof Number number && !isFinite(number)) {
				return number.toString();
			}
			if (element instanceof List<?> list) {
				return list.stream().map(Fitting::finite).toList();
			}
			if (element instanceof Map<?, ?> map) {
				Map<String, @Nullable Object> result = new LinkedHashMap<>();
				map.forEach((key, value) -> result.put(String.valueOf(key), finite(value)));
				return result;
			}
			return element;
		}

		void adjust(String description) {
			this.adjustments.add(new UmamiAdjustment("data", description));
			this.changed = true;
		}

	}

	private static boolean isFinite(Number number) {
		return !((number instanceof Double d && !Double.isFinite(d))
				|| (number instanceof Float f && !Float.isFinite(f)));
	}

	private static BigDecimal toDecimal(Number number) {
		return (number instanceof BigDecimal decimal) ? decimal
				: (number instanceof BigInteger integer) ? new BigDecimal(integer) : new BigDecimal(number.toString());
	}

}
