package io.github.umamispring;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.umamispring.support.IpLiterals;
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

	private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9]+([-_][A-Za-z0-9]+)*");

	private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");

	private static final Pattern NUMBER = Pattern.compile("\\d+|0[xX][0-9A-Fa-f]*");

	/**
	 * Schemes whose URLs have a host that URL parsers check, as Umami's does.
	 */
	private static final Set<String> SPECIAL_SCHEMES = Set.of("http", "https", "ws", "wss", "ftp");

	/**
	 * Code points a URL parser refuses in a host (besides controls, space and non-ASCII).
	 */
	private static final String FORBIDDEN_IN_HOST = "#%/:<>?@[\\]^|";

	private final List<UmamiAdjustment> adjustments;

	private UmamiEventLimits(List<UmamiAdjustment> adjustments) {
		this.adjustments = adjustments;
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
		event.data = UmamiEventData.fit(event.data, adjustments);
	}

	private @Nullable String hostname(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String host = host(value.trim());
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
		if (!LANGUAGE.matcher(tag).matches()) {
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
		String url = value.trim();
		Matcher scheme = SCHEME.matcher(url);
		boolean special;
		int start;
		if (scheme.find()) {
			special = SPECIAL_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT));
			start = scheme.end();
			if (!special && !url.startsWith("//", start)) {
				return value;
			}
		}
		else if (url.length() > 1 && isSlash(url.charAt(0)) && isSlash(url.charAt(1))) {
			special = true;
			start = 0;
		}
		else {
			return value;
		}
		while (start < url.length() && (url.charAt(start) == '/' || (special && url.charAt(start) == '\\'))) {
			start++;
		}
		int end = start;
		while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0 && !(special && url.charAt(end) == '\\')) {
			end++;
		}
		String authority = url.substring(start, end);
		int userInfo = authority.lastIndexOf('@');
		String hostAndPort = authority.substring(userInfo + 1);
		if ((special) ? host(hostAndPort) == null : !isOpaqueHost(hostAndPort)) {
			return leftOut(field, "not a URL Umami can read");
		}
		if (userInfo < 0) {
			return value;
		}
		adjust(field, "sent without the user name and password it contained");
		return url.substring(0, start) + url.substring(start + userInfo + 1);
	}

	/**
	 * Return a host as a browser's {@code location.hostname} has it, without its port.
	 * @param hostAndPort a host, optionally with a port
	 * @return the host, or {@code null} when it is not one
	 */
	static @Nullable String host(String hostAndPort) {
		String host = hostAndPort;
		int bracket = host.lastIndexOf(']');
		int colon = host.lastIndexOf(':');
		if (colon > bracket) {
			if (!isPort(host.substring(colon + 1))) {
				return null;
			}
			host = host.substring(0, colon);
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			String literal = host.substring(1, host.length() - 1);
			return (literal.indexOf(':') >= 0 && literal.indexOf('%') < 0 && IpLiterals.parse(literal) != null)
					? host.toLowerCase(Locale.ROOT) : null;
		}
		host = host.toLowerCase(Locale.ROOT);
		if (!host.chars().allMatch((ch) -> ch < 0x80)) {
			try {
				host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		if (host.isEmpty()
				|| !host.chars().allMatch((ch) -> ch > ' ' && ch < 0x7f && FORBIDDEN_IN_HOST.indexOf(ch) < 0)) {
			return null;
		}
		// a host ending in a number is read as an IPv4 address, and refused if it is not
		// one
		String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		String last = name.substring(name.lastIndexOf('.') + 1);
		return (NUMBER.matcher(last).matches() && IpLiterals.parse(name) == null) ? null : host;
	}

	private static boolean isOpaqueHost(String hostAndPort) {
		String host = hostAndPort;
		int colon = host.lastIndexOf(':');
		if (colon > host.lastIndexOf(']')) {
			if (!isPort(host.substring(colon + 1))) {
				return false;
			}
			host = host.substring(0, colon);
		}
		if (host.startsWith("[")) {
			return host(host) != null;
		}
		return host.chars()
			.allMatch((ch) -> ch == '%' || (ch > ' ' && ch != 0x7f && FORBIDDEN_IN_HOST.indexOf(ch) < 0));
	}

	private static boolean isPort(String port) {
		return port.isEmpty()
				|| (port.length() <= 5 && port.chars().allMatch(Character::isDigit) && Integer.parseInt(port) <= 65535);
	}

	private static boolean isSlash(char ch) {
		return ch == '/' || ch == '\\';
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
