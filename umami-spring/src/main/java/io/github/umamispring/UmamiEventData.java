package io.github.umamispring;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.umamispring.internal.LeftOutData;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * Turns event data into JSON values, never into a value's {@code toString()}: strings,
 * numbers, booleans, characters, enums (by name), dates and times (ISO-8601, instants in
 * the one form Umami stores as dates), {@code UUID}, {@code URI}, {@code URL},
 * {@code Locale}, maps, records (as nested objects), and collections, arrays and
 * {@code Optional}s of these. Anything else (an entity, a proxy), a value whose accessor
 * or iteration fails and a value that contains itself are left out, each recorded as an
 * adjustment naming its key and type. See {@link UmamiEventDataLimits} for fitting the
 * values into Umami's limits.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventData {

	/**
	 * The only string form Umami stores as a date (with milliseconds, in UTC).
	 */
	private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final Object LEFT_OUT = new Object();

	private List<UmamiAdjustment> adjustments = List.of();

	/**
	 * Containers (maps, collections, arrays, records) nested in the data down to the
	 * value being written, to leave out a value that contains itself; created for the
	 * first one, as most data holds none.
	 */
	private @Nullable List<Object> path;

	/**
	 * Return the data as JSON values.
	 * @param data the data, or {@code null}
	 * @return the unmodifiable data, empty for none
	 */
	Map<String, @Nullable Object> normalize(@Nullable Map<?, ?> data) {
		if (data == null || data.isEmpty()) {
			return Collections.emptyMap();
		}
		try {
			return map(data, "");
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			leftOut("", "reading it failed with " + ex.getClass().getName());
			return Collections.emptyMap();
		}
	}

	/**
	 * Return what was left out of the data normalized so far.
	 * @return the adjustments, empty when nothing was left out
	 */
	List<UmamiAdjustment> adjustments() {
		return this.adjustments;
	}

	/**
	 * Add one property, written as {@link #normalize(Map)} writes it, to normalized data.
	 */
	void put(Map<String, @Nullable Object> data, String key, @Nullable Object value) {
		Object normalized = value(value, key);
		if (normalized != LEFT_OUT) {
			data.put(key, normalized);
		}
	}

	private @Nullable Object value(@Nullable Object value, String path) {
		try {
			if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
					|| value instanceof Long || value instanceof Double) {
				return value;
			}
			Object scalar = scalar(value);
			if (scalar != null) {
				return scalar;
			}
			if (value instanceof Optional<?> optional) {
				return value(optional.orElse(null), path);
			}
			if (value instanceof OptionalInt number) {
				return number.isPresent() ? number.getAsInt() : null;
			}
			if (value instanceof OptionalLong number) {
				return number.isPresent() ? number.getAsLong() : null;
			}
			if (value instanceof OptionalDouble number) {
				return number.isPresent() ? number.getAsDouble() : null;
			}
			if (!(value instanceof Map || value instanceof Collection || value.getClass().isArray()
					|| value instanceof Record)) {
				return leftOut(path, value.getClass().getName()
						+ " is not written: only JSON values, dates, maps, collections, arrays and records are");
			}
			return container(value, path);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			return leftOut(path, "reading it failed with " + ex.getClass().getName());
		}
	}

	private Object container(Object value, String path) {
		if (this.path == null) {
			this.path = new ArrayList<>(4);
		}
		for (Object container : this.path) {
			if (container == value) {
				return leftOut(path, value.getClass().getName() + " contains itself");
			}
		}
		this.path.add(value);
		try {
			return (value instanceof Map<?, ?> map) ? map(map, path)
					: (value instanceof Record record) ? map(components(record, path), path) : list(value, path);
		}
		finally {
			this.path.remove(this.path.size() - 1);
		}
	}

	private Map<String, @Nullable Object> map(Map<?, ?> map, String path) {
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		String prefix = path.isEmpty() ? "" : path + ".";
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			String key = key(entry.getKey());
			if (key == null) {
				leftOut(path.isEmpty() ? "(key)" : path,
						"a key of type " + entry.getKey().getClass().getName() + " is not written");
				continue;
			}
			Object value = (entry.getValue() != LEFT_OUT) ? value(entry.getValue(), prefix + key) : LEFT_OUT;
			if (value != LEFT_OUT) {
				result.put(key, value);
			}
		}
		return Collections.unmodifiableMap(result);
	}

	private List<@Nullable Object> list(Object value, String path) {
		List<@Nullable Object> result = new ArrayList<>();
		if (value instanceof Collection<?> collection) {
			for (Object element : collection) {
				add(result, value(element, path));
			}
		}
		else {
			for (int i = 0; i < Array.getLength(value); i++) {
				add(result, value(Array.get(value, i), path));
			}
		}
		return Collections.unmodifiableList(result);
	}

	private static void add(List<@Nullable Object> list, @Nullable Object element) {
		if (element != LEFT_OUT) {
			list.add(element);
		}
	}

	/**
	 * Read a record's components, each accessor on its own: one that fails costs only its
	 * component.
	 */
	private Map<String, @Nullable Object> components(Record record, String path) {
		Map<String, @Nullable Object> components = new LinkedHashMap<>();
		String prefix = path.isEmpty() ? "" : path + ".";
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			try {
				ReflectionUtils.makeAccessible(component.getAccessor());
				components.put(component.getName(), ReflectionUtils.invokeMethod(component.getAccessor(), record));
			}
			catch (OutOfMemoryError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				leftOut(prefix + component.getName(), "its accessor failed with " + ex.getClass().getName());
				components.put(component.getName(), LEFT_OUT);
			}
		}
		return components;
	}

	private static @Nullable String key(@Nullable Object key) {
		if (key == null || key instanceof String) {
			return String.valueOf(key);
		}
		if (key instanceof Enum<?> constant) {
			return constant.name();
		}
		boolean written = key instanceof Integer || key instanceof Long || key instanceof Boolean
				|| key instanceof CharSequence || key instanceof Character || key instanceof UUID
				|| key instanceof Short || key instanceof Byte || key instanceof BigInteger;
		return written ? key.toString() : null;
	}

	/**
	 * Return a value that has a JSON form of its own: a number, a string, or a string
	 * written as its type's documented format (ISO-8601 for dates and times).
	 */
	private static @Nullable Object scalar(Object value) {
		if (value instanceof Short || value instanceof Byte || value instanceof Float || value instanceof BigDecimal
				|| value instanceof BigInteger) {
			return value;
		}
		if (value instanceof AtomicInteger || value instanceof AtomicLong) {
			return ((Number) value).longValue();
		}
		if (value instanceof CharSequence || value instanceof Character || value instanceof UUID || value instanceof URI
				|| value instanceof Duration || value instanceof Period || value instanceof Year
				|| value instanceof YearMonth || value instanceof MonthDay) {
			// each of these types documents its toString() as its value or ISO-8601 form
			return value.toString();
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		Instant instant = instant(value);
		if (instant != null) {
			return DATE_FORMAT.format(instant);
		}
		return (value instanceof LocalDate date) ? DateTimeFormatter.ISO_LOCAL_DATE.format(date)
				: (value instanceof LocalDateTime dateTime) ? DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime)
						: (value instanceof LocalTime time) ? DateTimeFormatter.ISO_LOCAL_TIME.format(time)
								: (value instanceof OffsetTime time) ? DateTimeFormatter.ISO_OFFSET_TIME.format(time)
										: (value instanceof ZoneId zone) ? zone.getId() : (value instanceof URL url)
												? url.toExternalForm()
												: (value instanceof Locale locale) ? locale.toLanguageTag() : null;
	}

	private static @Nullable Instant instant(Object value) {
		// java.sql.Date refuses toInstant(): read every Date by its milliseconds
		return (value instanceof Instant instant) ? instant
				: (value instanceof OffsetDateTime dateTime) ? dateTime.toInstant()
						: (value instanceof ZonedDateTime dateTime) ? dateTime.toInstant()
								: (value instanceof Date date) ? Instant.ofEpochMilli(date.getTime())
										: (value instanceof Calendar calendar) ? calendar.toInstant() : null;
	}

	private Object leftOut(String path, String reason) {
		if (this.adjustments.isEmpty()) {
			this.adjustments = new ArrayList<>(2);
		}
		this.adjustments.add(LeftOutData.adjustment(path.isEmpty() ? "(data)" : path, reason));
		return LEFT_OUT;
	}

}
