package io.github.umamispring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Fits the fields of an event that come from a visitor or from data at run time into what
 * Umami accepts, recording each change as a {@link UmamiAdjustment}: an over-long value
 * is cut (with {@value #CUT_MARKER} at its end) or left out, a malformed one is left out.
 * Hostnames are written as a browser's {@code location.hostname}: lower case,
 * internationalized names in punycode, without port.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventLimits {

	/**
	 * Marker ending a value that was cut.
	 */
	static final String CUT_MARKER = "\u2026";

	/**
	 * Longest page title Umami stores.
	 */
	static final int MAX_TITLE_LENGTH = 500;

	private static final Pattern SCREEN = Pattern.compile("\\d{1,5}x\\d{1,5}");

	private final List<UmamiAdjustment> adjustments;

	private UmamiEventLimits(List<UmamiAdjustment> adjustments) {
		this.adjustments = adjustments;
	}

	/**
	 * Build the event as {@link UmamiEventBuilder#build()} does, but return one Umami
	 * would refuse with its {@link UmamiEvent#getRefusal() refusal} instead of throwing,
	 * for the tracker to answer with {@link UmamiResult.Rejected}: for the tracker's
	 * conveniences, which take names and urls at run time.
	 * @param builder the builder
	 * @return the event, refused or not
	 */
	static UmamiEvent buildOrRefuse(UmamiEventBuilder builder) {
		return build(builder, UmamiEventRefusals.refusal(builder));
	}

	/**
	 * Build the event a builder holds, with its run-time fields fitted.
	 * @param builder the builder, left as it is
	 * @param refusal why Umami would refuse the event, or {@code null}
	 * @return the event, whose adjustments say what was changed
	 */
	static UmamiEvent build(UmamiEventBuilder builder, @Nullable String refusal) {
		// fit a copy: the builder keeps what it was given
		UmamiEventBuilder fitted = new UmamiEventBuilder(new UmamiEvent(builder, null));
		fitted.revenue = builder.revenue;
		fitted.currency = builder.currency;
		List<UmamiAdjustment> adjustments = new ArrayList<>(builder.adjustments);
		adjustments.addAll(builder.dataAdjustments);
		adjustments.addAll(builder.runtimeAdjustments);
		fit(fitted, adjustments);
		fitted.adjustments = List.copyOf(adjustments);
		return new UmamiEvent(fitted, refusal);
	}

	/**
	 * Fit the run-time fields of a builder, in place.
	 * @param event the builder, a copy made for the event being built
	 * @param adjustments receives what was changed
	 */
	static void fit(UmamiEventBuilder event, List<UmamiAdjustment> adjustments) {
		UmamiEventLimits limits = new UmamiEventLimits(adjustments);
		event.hostname = limits.hostname(event.hostname);
		event.language = limits.language(event.language);
		event.screen = limits.screen(event.screen);
		event.title = limits.title(event.title);
		event.url = limits.link("url", event.url);
		event.referrer = limits.link("referrer", event.referrer);
		event.id = limits.id(event.id);
		event.ip = limits.ip(event.ip);
		UmamiEventRevenue.fit(event, adjustments);
		event.data = UmamiEventDataLimits.fit(event.data, adjustments);
	}

	private @Nullable String hostname(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String host = UmamiUrlSyntax.host(value.trim());
		if (host == null) {
			return leftOut("hostname", "not a host name");
		}
		if (host.length() > UmamiEvent.MAX_HOSTNAME_LENGTH) {
			return leftOut("hostname", tooLong(host.length(), UmamiEvent.MAX_HOSTNAME_LENGTH));
		}
		return host;
	}

	private @Nullable String language(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String tag = value.trim();
		if (!isLanguageTag(tag)) {
			return leftOut("language", "not a language tag");
		}
		if (tag.length() <= UmamiEvent.MAX_LANGUAGE_LENGTH) {
			return tag;
		}
		for (int end = UmamiEvent.MAX_LANGUAGE_LENGTH; end > 0; end--) {
			if (tag.charAt(end) == '-' || tag.charAt(end) == '_') {
				adjust("language",
						"cut to its first subtags: " + tooLong(tag.length(), UmamiEvent.MAX_LANGUAGE_LENGTH));
				return tag.substring(0, end);
			}
		}
		return leftOut("language", tooLong(tag.length(), UmamiEvent.MAX_LANGUAGE_LENGTH));
	}

	private @Nullable String screen(@Nullable String value) {
		if (value == null) {
			return null;
		}
		if (value.length() > UmamiEvent.MAX_SCREEN_LENGTH || !SCREEN.matcher(value).matches()) {
			return leftOut("screen", "not a size WIDTHxHEIGHT of at most " + UmamiEvent.MAX_SCREEN_LENGTH
					+ " characters, as Umami accepts");
		}
		return value;
	}

	private @Nullable String title(@Nullable String value) {
		if (value == null || value.length() <= MAX_TITLE_LENGTH) {
			return value;
		}
		adjust("title", "cut: " + tooLong(value.length(), MAX_TITLE_LENGTH));
		return cut(value, MAX_TITLE_LENGTH);
	}

	private @Nullable String id(@Nullable String value) {
		if (value == null || value.length() <= UmamiEvent.MAX_ID_LENGTH) {
			return value;
		}
		return leftOut("id", tooLong(value.length(), UmamiEvent.MAX_ID_LENGTH));
	}

	private @Nullable String ip(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String ip = IpLiterals.normalize(value);
		return (ip != null) ? ip : leftOut("ip", "not an IP address");
	}

	/**
	 * Check a URL (or path) the way Umami's URL parser reads it: a host it cannot read
	 * fails the whole event. User information is removed, as nothing of it is stored.
	 */
	private @Nullable String link(String field, @Nullable String value) {
		if (value == null) {
			return null;
		}
		String readable = UmamiUrlSyntax.readable(value);
		if (readable == null) {
			return leftOut(field, "not a URL Umami can read");
		}
		if (!readable.equals(value)) {
			adjust(field, "sent without the user name and password it contained");
		}
		return readable;
	}

	private static boolean isLanguageTag(String tag) {
		boolean subtagStart = true;
		for (int i = 0; i < tag.length(); i++) {
			char ch = tag.charAt(i);
			boolean separator = ch == '-' || ch == '_';
			boolean alphanumeric = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
			if ((separator && subtagStart) || !(separator || alphanumeric)) {
				return false;
			}
			subtagStart = separator;
		}
		return !subtagStart;
	}

	/**
	 * Cut a value to a length, ending it with {@value #CUT_MARKER} and never splitting a
	 * character outside the Basic Multilingual Plane.
	 * @param value the value, longer than {@code max}
	 * @param max the length to cut it to
	 * @return the cut value
	 */
	static String cut(String value, int max) {
		int end = max - CUT_MARKER.length();
		if (Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(0, end) + CUT_MARKER;
	}

	static String tooLong(int length, int max) {
		return length + " characters long, over Umami's limit of " + max;
	}

	private @Nullable String leftOut(String field, String reason) {
		adjust(field, "left out: " + reason);
		return null;
	}

	private void adjust(String field, String description) {
		this.adjustments.add(new UmamiAdjustment(field, description));
	}

}
