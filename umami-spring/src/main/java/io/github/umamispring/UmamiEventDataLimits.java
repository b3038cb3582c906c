package io.github.umamispring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.umamispring.internal.UmamiJson;
import org.jspecify.annotations.Nullable;

/**
 * Fits normalized event data into the limits of Umami's database, which Umami does not
 * check: over them, it stores the event and then answers 500, so a retry would duplicate
 * it.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventDataLimits {

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

	private static final long MAX_LONG = 1_000_000_000_000_000L;

	private UmamiEventDataLimits() {
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
		if (data.isEmpty() || fits(data, 0, new int[1])) {
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
				String stored = UmamiJson.write(finite);
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
			if (!fitsColumn(number)) {
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

	/**
	 * Whether data needs no change, checked without allocating: most data fits.
	 */
	private static boolean fits(Map<?, ?> map, int prefixLength, int[] properties) {
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			int keyLength = prefixLength + String.valueOf(entry.getKey()).length();
			Object value = entry.getValue();
			if (value instanceof Map<?, ?> nested) {
				if (!fits(nested, keyLength + 1, properties)) {
					return false;
				}
			}
			else if (keyLength > MAX_KEY_LENGTH || ++properties[0] > MAX_PROPERTIES || !fits(value)) {
				return false;
			}
		}
		return true;
	}

	private static boolean fits(@Nullable Object value) {
		if (value instanceof String string) {
			return string.length() <= MAX_STRING_LENGTH;
		}
		if (value instanceof Number number) {
			return isFinite(number) && fitsColumn(number);
		}
		return !(value instanceof List<?>) || jsonLengthBound(value) <= MAX_STRING_LENGTH;
	}

	/**
	 * Return an upper bound of the length of a value's JSON, or {@link Integer#MAX_VALUE}
	 * when it takes writing it to know.
	 */
	private static int jsonLengthBound(@Nullable Object value) {
		if (value == null || value instanceof Boolean) {
			return 5;
		}
		if (value instanceof String string) {
			// an escaped control character takes six
			return (string.length() < MAX_STRING_LENGTH) ? 2 + 6 * string.length() : Integer.MAX_VALUE;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return 20;
		}
		if (value instanceof Double || value instanceof Float) {
			return isFinite((Number) value) ? 24 : Integer.MAX_VALUE;
		}
		if (value instanceof List<?> list) {
			long length = 2;
			for (Object element : list) {
				length += jsonLengthBound(element) + 1L;
				if (length > MAX_STRING_LENGTH) {
					return Integer.MAX_VALUE;
				}
			}
			return (int) length;
		}
		return Integer.MAX_VALUE;
	}

	/**
	 * Whether Umami's {@code decimal(19,4)} column holds a finite number.
	 */
	private static boolean fitsColumn(Number number) {
		if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
			return true;
		}
		if (number instanceof Long value) {
			return value > -MAX_LONG && value < MAX_LONG;
		}
		if (number instanceof Double || number instanceof Float) {
			return Math.abs(number.doubleValue()) < 1e15;
		}
		BigDecimal decimal = (number instanceof BigDecimal value) ? value
				: (number instanceof BigInteger value) ? new BigDecimal(value) : new BigDecimal(number.toString());
		return decimal.abs().setScale(4, RoundingMode.HALF_UP).compareTo(MAX_NUMBER) < 0;
	}

	private static boolean isFinite(Number number) {
		return !((number instanceof Double d && !Double.isFinite(d))
				|| (number instanceof Float f && !Float.isFinite(f)));
	}

}
