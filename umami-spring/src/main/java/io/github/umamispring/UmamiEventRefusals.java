package io.github.umamispring;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * What Umami refuses outright, whatever the rest of the event: a custom event without a
 * name, a name or tag over {@value UmamiEvent#MAX_NAME_LENGTH} characters or starting
 * with a spreadsheet formula character, a pageview without url; and revenue set in code
 * that Umami cannot record (see {@link UmamiEventRevenue}).
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventRefusals {

	private UmamiEventRefusals() {
	}

	/**
	 * Return why Umami would refuse the event a builder holds.
	 * @param event the builder
	 * @return the reason, naming the field, or {@code null} when Umami takes the event
	 */
	static @Nullable String refusal(UmamiEventBuilder event) {
		String eventName = event.name;
		if (event.kind == UmamiEvent.Kind.EVENT) {
			if (!StringUtils.hasText(eventName)) {
				return "A custom event needs a 'name'; for a pageview use"
						+ " UmamiEvent.pageview(url), for session data UmamiEvent.identify(id)";
			}
			String refusal = checkLength("name", eventName, UmamiEvent.MAX_NAME_LENGTH);
			if (refusal == null) {
				refusal = checkNoFormulaPrefix("name", eventName);
			}
			if (refusal != null) {
				return refusal;
			}
		}
		else if (eventName != null) {
			return "A " + event.kind.name().toLowerCase(Locale.ROOT) + " has no 'name' (it was '"
					+ abbreviate(eventName) + "'); use UmamiEvent.event(name) for a custom event";
		}
		if (event.tag != null) {
			String refusal = checkLength("tag", event.tag, UmamiEvent.MAX_TAG_LENGTH);
			if (refusal == null) {
				refusal = checkNoFormulaPrefix("tag", event.tag);
			}
			if (refusal != null) {
				return refusal;
			}
		}
		if (event.kind == UmamiEvent.Kind.PAGEVIEW && !StringUtils.hasText(event.url)) {
			return "A pageview needs a 'url' (path and query)";
		}
		return UmamiEventRevenue.refusal(event);
	}

	private static @Nullable String checkLength(String field, String value, int max) {
		return (value.length() <= max) ? null : "Event " + field + " '" + abbreviate(value) + "' is " + value.length()
				+ " characters long; Umami accepts at most " + max;
	}

	/**
	 * Whether a name or tag starts with a character Umami refuses there, its guard
	 * against spreadsheet formulas.
	 * @param value the name or tag
	 * @return whether Umami refuses it
	 */
	static boolean startsWithFormulaCharacter(String value) {
		return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
	}

	private static @Nullable String checkNoFormulaPrefix(String field, String value) {
		return !startsWithFormulaCharacter(value) ? null
				: "Event " + field + " '" + abbreviate(value) + "' starts with '" + value.charAt(0)
						+ "'; Umami refuses " + field
						+ "s starting with = + - @, TAB or CR (spreadsheet formula guard)";
	}

	private static String abbreviate(String value) {
		return (value.length() <= 60) ? value : value.substring(0, 57) + "...";
	}

}
