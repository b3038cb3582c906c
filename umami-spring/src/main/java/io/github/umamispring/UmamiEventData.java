package io.github.umamispring;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
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

import org.springframework.util.ReflectionUtils;

/**
 * Turns event data into the JSON-ready values Umami stores well; see
 * {@link UmamiEventDataLimits} for fitting them into Umami's limits.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventData {

	/**
	 * The only string form Umami stores as a date (with milliseconds, in UTC).
	 */
	private static final DateTimeFormatter DATE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

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

}
