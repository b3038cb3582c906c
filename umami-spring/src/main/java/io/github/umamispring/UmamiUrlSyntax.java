package io.github.umamispring;

import java.net.IDN;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Hosts and URLs as Umami's URL parser (a browser's, the WHATWG URL standard) reads them:
 * a host it cannot read fails the whole event. Checked by hand, without allocating for
 * the common case, since every event with a visitor passes through here.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiUrlSyntax {

	/**
	 * Schemes whose URLs have a host that the parser checks.
	 */
	private static final List<String> SPECIAL_SCHEMES = List.of("http", "https", "ws", "wss", "ftp");

	/**
	 * ASCII characters the parser takes in a host: no controls, space, DEL or any of
	 * {@code # % / : < > ? @ [ \ ] ^ |}.
	 */
	private static final boolean[] HOST_CHARACTERS = new boolean[128];

	static {
		for (char ch = '!'; ch < 0x7f; ch++) {
			HOST_CHARACTERS[ch] = "#%/:<>?@[\\]^|".indexOf(ch) < 0;
		}
	}

	private UmamiUrlSyntax() {
	}

	/**
	 * Return a URL (or path) as Umami can read it, resolved against Umami's {@code https}
	 * base: without the user name and password it may hold, which Umami does not store.
	 * @param value the URL or path
	 * @return the value, the value without user information, or {@code null} when the
	 * parser refuses it
	 */
	static @Nullable String readable(String value) {
		String url = value.trim();
		int colon = schemeEnd(url);
		boolean special;
		int start;
		if (colon > 0) {
			special = isSpecialScheme(url, colon);
			start = colon + 1;
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
			return null;
		}
		return (userInfo < 0) ? value : url.substring(0, start) + url.substring(start + userInfo + 1);
	}

	/**
	 * Return a host as a browser's {@code location.hostname} has it: lower case,
	 * internationalized names in punycode, without port.
	 * @param hostAndPort a host, optionally with a port
	 * @return the host, or {@code null} when the parser refuses it
	 */
	static @Nullable String host(String hostAndPort) {
		String host = hostAndPort;
		int colon = host.lastIndexOf(':');
		if (colon > host.lastIndexOf(']')) {
			if (!isPort(host, colon + 1)) {
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
		if (!isAscii(host)) {
			try {
				host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		if (host.isEmpty()) {
			return null;
		}
		for (int i = 0; i < host.length(); i++) {
			char ch = host.charAt(i);
			if (ch >= HOST_CHARACTERS.length || !HOST_CHARACTERS[ch]) {
				return null;
			}
		}
		// a host ending in a number is read as an IPv4 address, and refused if it is not
		// one
		return (endsInNumber(host) && !IpLiterals.isIpv4(host)) ? null : host;
	}

	private static boolean isOpaqueHost(String hostAndPort) {
		String host = hostAndPort;
		int colon = host.lastIndexOf(':');
		if (colon > host.lastIndexOf(']')) {
			if (!isPort(host, colon + 1)) {
				return false;
			}
			host = host.substring(0, colon);
		}
		if (host.startsWith("[")) {
			return host(host) != null;
		}
		for (int i = 0; i < host.length(); i++) {
			char ch = host.charAt(i);
			if (ch != '%' && ch < HOST_CHARACTERS.length && !HOST_CHARACTERS[ch]) {
				return false;
			}
		}
		return true;
	}

	private static boolean isPort(String value, int start) {
		if (value.length() - start > 5) {
			return false;
		}
		int port = 0;
		for (int i = start; i < value.length(); i++) {
			char ch = value.charAt(i);
			if (ch < '0' || ch > '9') {
				return false;
			}
			port = port * 10 + (ch - '0');
		}
		return port <= 65535;
	}

	private static boolean endsInNumber(String host) {
		int end = host.endsWith(".") ? host.length() - 1 : host.length();
		int start = host.lastIndexOf('.', end - 1) + 1;
		if (start >= end) {
			return false;
		}
		boolean hex = end - start >= 2 && host.charAt(start) == '0' && host.charAt(start + 1) == 'x';
		for (int i = (hex) ? start + 2 : start; i < end; i++) {
			if (Character.digit(host.charAt(i), (hex) ? 16 : 10) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the index of the colon ending a URL's scheme, or -1 when it has none.
	 */
	private static int schemeEnd(String url) {
		if (url.isEmpty() || !isAsciiLetter(url.charAt(0))) {
			return -1;
		}
		for (int i = 1; i < url.length(); i++) {
			char ch = url.charAt(i);
			if (ch == ':') {
				return i;
			}
			if (!(isAsciiLetter(ch) || (ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.')) {
				return -1;
			}
		}
		return -1;
	}

	private static boolean isSpecialScheme(String url, int colon) {
		for (String scheme : SPECIAL_SCHEMES) {
			if (colon == scheme.length() && url.regionMatches(true, 0, scheme, 0, colon)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isAsciiLetter(char ch) {
		return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
	}

	private static boolean isAscii(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSlash(char ch) {
		return ch == '/' || ch == '\\';
	}

}
