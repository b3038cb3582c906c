package io.github.umamispring;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads IP address literals, and only literals: unlike
 * {@link InetAddress#getByName(String)}, a value that is not an address is never looked
 * up in DNS (a visitor can send anything as a forwarded address).
 *
 * @author umami-spring-boot contributors
 */
final class IpLiterals {

	/**
	 * Hexadecimal groups and colons, with an IPv4 tail: starting with a hex digit or a
	 * colon, which {@link InetAddress#getByName(String)} parses as a literal.
	 */
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private IpLiterals() {
	}

	/**
	 * Return the address of an IPv4 or IPv6 literal, such as {@code 203.0.113.7},
	 * {@code 2001:db8::7} or {@code [2001:db8::7%eth0]} (brackets and zone are ignored).
	 * @param literal the text
	 * @return the address, or {@code null} when the text is not an IP address literal
	 */
	static @Nullable InetAddress parse(@Nullable String literal) {
		String address = strip(literal);
		if (address == null || !(isIpv4(address) || IPV6.matcher(address).matches())) {
			return null;
		}
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * Return an IP address literal as Umami reads it: without brackets, zone or
	 * surrounding spaces.
	 * @param literal the text
	 * @return the literal, or {@code null} when the text is not an IP address literal
	 */
	static @Nullable String normalize(@Nullable String literal) {
		String address = strip(literal);
		if (address != null && isIpv4(address)) {
			return address;
		}
		return (parse(address) != null) ? address : null;
	}

	/**
	 * Whether the text is an IPv4 address in dotted-decimal form, such as
	 * {@code 203.0.113.7}: four numbers of 0 to 255 without leading zeros.
	 * @param text the text
	 * @return whether it is an IPv4 address
	 */
	static boolean isIpv4(String text) {
		int parts = 0;
		int i = 0;
		while (i < text.length() && parts < 4) {
			int start = i;
			int value = 0;
			while (i < text.length() && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
				value = value * 10 + (text.charAt(i) - '0');
				i++;
			}
			int digits = i - start;
			if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
				return false;
			}
			parts++;
			if (parts < 4) {
				if (i >= text.length() || text.charAt(i) != '.') {
					return false;
				}
				i++;
			}
		}
		return parts == 4 && i == text.length();
	}

	/**
	 * Shorten an IP address to its network: an IPv4 address to /24 (the last byte set to
	 * zero), an IPv6 address to /48 (the last 80 bits set to zero).
	 * @param ip an IP address literal
	 * @return the anonymized address, or {@code null} when {@code ip} is not an IP
	 * address literal
	 */
	static @Nullable String anonymize(String ip) {
		String address = ip.trim();
		if (isIpv4(address)) {
			return address.substring(0, address.lastIndexOf('.')) + ".0";
		}
		// parsed as a literal, never looked up
		InetAddress parsed = parse(address);
		if (parsed == null) {
			return null;
		}
		try {
			byte[] bytes = parsed.getAddress();
			if (bytes.length == 4) {
				return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0";
			}
			for (int i = 6; i < bytes.length; i++) {
				bytes[i] = 0;
			}
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static @Nullable String strip(@Nullable String literal) {
		if (literal == null) {
			return null;
		}
		String address = literal.trim();
		if (address.startsWith("[") && address.endsWith("]")) {
			address = address.substring(1, address.length() - 1);
		}
		int zone = address.indexOf('%');
		return (zone >= 0 && address.indexOf(':') >= 0) ? address.substring(0, zone) : address;
	}

}
