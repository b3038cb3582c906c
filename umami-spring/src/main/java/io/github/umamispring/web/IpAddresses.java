package io.github.umamispring.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import io.github.umamispring.support.IpLiterals;
import org.jspecify.annotations.Nullable;

/**
 * IP address literals as the privacy settings treat them.
 *
 * @author umami-spring-boot contributors
 */
final class IpAddresses {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	private IpAddresses() {
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
		if (IPV4.matcher(address).matches()) {
			return address.substring(0, address.lastIndexOf('.')) + ".0";
		}
		// parsed as a literal, never looked up
		InetAddress parsed = IpLiterals.parse(address);
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

}
