package io.github.umamispring.internal;

import io.github.umamispring.UmamiAdjustment;
import org.jspecify.annotations.Nullable;

/**
 * Describes a data property that was left out of an event because of the code that gave
 * it (a value that is no JSON value, one whose accessor failed, one that contains
 * itself), as opposed to visitor input cut to Umami's limits: {@code @TrackEvent} names
 * the former at WARN. Not API.
 *
 * @author umami-spring-boot contributors
 */
public final class LeftOutData {

	/**
	 * The field of the adjustments made for data.
	 */
	public static final String FIELD = "data";

	private static final String LEFT_OUT = "' left out: ";

	private LeftOutData() {
	}

	/**
	 * Describe a property left out.
	 * @param path the property's key, nested keys joined with dots
	 * @param reason why, naming its type and never its value
	 * @return the adjustment
	 */
	public static UmamiAdjustment adjustment(String path, String reason) {
		return new UmamiAdjustment(FIELD, "'" + path + LEFT_OUT + reason);
	}

	/**
	 * Return the key of a property left out by {@link #adjustment(String, String)}.
	 * @param adjustment an adjustment of an event
	 * @return the key, or {@code null} for any other adjustment
	 */
	public static @Nullable String path(UmamiAdjustment adjustment) {
		String description = adjustment.description();
		int end = description.indexOf(LEFT_OUT);
		return (FIELD.equals(adjustment.field()) && description.startsWith("'") && end > 0)
				? description.substring(1, end) : null;
	}

}
