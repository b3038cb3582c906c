package io.github.umamispring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The Umami websites of an application that serves several hostnames (several brands or
 * tenants), each recorded as its own website in Umami: which website the events of a
 * hostname go to.
 * <p>
 * A website is listed with its hostnames, each an exact name such as
 * {@code shop.example.com} or a pattern {@code *.example.com}, which matches every
 * subdomain of {@code example.com} at any depth ({@code eu.shop.example.com} too) but not
 * {@code example.com} itself: list that on its own, as CORS origin patterns do. Names are
 * compared as hosts are: ignoring case, internationalized names as their punycode, with
 * or without a final dot. An exact name wins over a pattern, and a longer pattern over a
 * shorter one: {@code *.eu.example.com} over {@code *.example.com}. A name or pattern
 * belongs to one website only.
 * <p>
 * Immutable; built with {@link #builder()}.
 *
 * @author umami-spring-boot contributors
 * @see io.github.umamispring.delivery.UmamiEventDefaults
 */
public final class UmamiWebsites {

	private static final String PATTERN_PREFIX = "*.";

	private static final UmamiWebsites NONE = new UmamiWebsites(Map.of(), Map.of());

	/**
	 * Website of each exact name.
	 */
	private final Map<String, String> names;

	/**
	 * Website of each pattern, by the domain after its {@code *.}.
	 */
	private final Map<String, String> domains;

	private UmamiWebsites(Map<String, String> names, Map<String, String> domains) {
		this.names = names;
		this.domains = domains;
	}

	/**
	 * Return websites that list no hostname: every event goes to the website it names or
	 * the default website.
	 * @return the empty websites
	 */
	public static UmamiWebsites none() {
		return NONE;
	}

	/**
	 * Return a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether no hostname is listed.
	 * @return {@code true} when there is no website by hostname
	 */
	public boolean isEmpty() {
		return this.names.isEmpty() && this.domains.isEmpty();
	}

	/**
	 * Return the website whose hostnames match a hostname.
	 * @param hostname the hostname, as an event has it
	 * @return the website id, or {@code null} when no listed name or pattern matches
	 */
	public @Nullable String websiteFor(@Nullable String hostname) {
		if (hostname == null || isEmpty()) {
			return null;
		}
		String host = withoutFinalDot(hostname.toLowerCase(Locale.ROOT));
		String website = this.names.get(host);
		if (website != null || this.domains.isEmpty()) {
			return website;
		}
		// From the longest parent domain to the shortest: the most specific pattern wins
		for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
			website = this.domains.get(host.substring(dot + 1));
			if (website != null) {
				return website;
			}
		}
		return null;
	}

	/**
	 * Check a hostname or pattern and return it as it is matched: lower case,
	 * internationalized names in punycode, without final dot.
	 * @param hostname an exact name, such as {@code shop.example.com}, or a pattern, such
	 * as {@code *.example.com}
	 * @return the name or pattern as it is matched
	 * @throws IllegalArgumentException if it is neither, saying why
	 */
	public static String normalizeHostname(String hostname) {
		Assert.notNull(hostname, "'hostname' must not be null");
		String value = hostname.trim();
		if (value.isEmpty()) {
			throw new IllegalArgumentException("A hostname must not be empty");
		}
		boolean pattern = value.startsWith(PATTERN_PREFIX);
		String name = (pattern) ? value.substring(PATTERN_PREFIX.length()) : value;
		if (name.indexOf('*') >= 0 || name.isEmpty()) {
			throw new IllegalArgumentException("'" + value + "' is neither a hostname nor a pattern: a pattern is '*.'"
					+ " followed by a domain, such as *.example.com, and has no other '*'");
		}
		boolean ipv6 = name.startsWith("[") && name.endsWith("]");
		String host = (name.indexOf(':') < 0 || ipv6) ? UmamiUrlSyntax.host(name) : null;
		if (host == null || host.startsWith(".") || host.contains("..")) {
			throw new IllegalArgumentException("'" + value + "' is not a hostname: a hostname is a name such as"
					+ " shop.example.com, without scheme, port or path");
		}
		host = withoutFinalDot(host);
		if (host.length() > UmamiEvent.MAX_HOSTNAME_LENGTH) {
			throw new IllegalArgumentException("'" + value + "' is " + host.length()
					+ " characters long; Umami accepts hostnames of at most " + UmamiEvent.MAX_HOSTNAME_LENGTH);
		}
		if (pattern && (ipv6 || IpLiterals.isIpv4(host))) {
			throw new IllegalArgumentException(
					"'" + value + "' is not a pattern: a pattern matches the subdomains of a domain, not an address");
		}
		return (pattern) ? PATTERN_PREFIX + host : host;
	}

	/**
	 * Return the hostnames of each website: its exact names, then its patterns, as they
	 * are matched.
	 * @return the hostnames by website id, in the order the websites were listed; a map
	 * of lists that cannot be modified
	 */
	public Map<String, List<String>> hostnamesByWebsite() {
		Map<String, List<String>> hostnames = new LinkedHashMap<>();
		this.names.forEach((name, website) -> hostnames.computeIfAbsent(website, (key) -> new ArrayList<>()).add(name));
		this.domains.forEach((domain, website) -> hostnames.computeIfAbsent(website, (key) -> new ArrayList<>())
			.add(PATTERN_PREFIX + domain));
		hostnames.replaceAll((website, listed) -> List.copyOf(listed));
		return Collections.unmodifiableMap(hostnames);
	}

	private static String withoutFinalDot(String host) {
		return (host.length() > 1 && host.endsWith(".")) ? host.substring(0, host.length() - 1) : host;
	}

	@Override
	public String toString() {
		StringJoiner result = new StringJoiner(", ", "UmamiWebsites[", "]");
		this.names.forEach((name, website) -> result.add(name + "=" + website));
		this.domains.forEach((domain, website) -> result.add(PATTERN_PREFIX + domain + "=" + website));
		return result.toString();
	}

	/**
	 * Builds {@link UmamiWebsites}.
	 */
	public static final class Builder {

		private final Map<String, String> names = new LinkedHashMap<>();

		private final Map<String, String> domains = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Send the events of these hostnames to a website.
		 * @param websiteId the website's id, a UUID shown in Umami's website settings
		 * @param hostnames exact names, such as {@code shop.example.com}, or patterns,
		 * such as {@code *.example.com}, at least one
		 * @return this builder
		 * @throws IllegalArgumentException if a hostname is neither a name nor a pattern
		 * (see {@link #normalizeHostname(String)}), or is listed for another website
		 */
		public Builder website(String websiteId, String... hostnames) {
			Assert.notNull(hostnames, "'hostnames' must not be null");
			return website(websiteId, List.of(hostnames));
		}

		/**
		 * Send the events of these hostnames to a website.
		 * @param websiteId the website's id, a UUID shown in Umami's website settings
		 * @param hostnames exact names, such as {@code shop.example.com}, or patterns,
		 * such as {@code *.example.com}, at least one
		 * @return this builder
		 * @throws IllegalArgumentException if a hostname is neither a name nor a pattern
		 * (see {@link #normalizeHostname(String)}), or is listed for another website
		 */
		public Builder website(String websiteId, Collection<String> hostnames) {
			Assert.hasText(websiteId, "'websiteId' must not be empty");
			Assert.notEmpty(hostnames, "'hostnames' must not be empty");
			String website = websiteId.trim();
			List<String> normalized = hostnames.stream().map(UmamiWebsites::normalizeHostname).toList();
			for (String hostname : normalized) {
				String listed = websites(hostname).get(key(hostname));
				if (listed != null && !listed.equalsIgnoreCase(website)) {
					throw new IllegalArgumentException("'" + hostname + "' is listed for website " + listed
							+ " and for website " + website + "; a hostname belongs to one website");
				}
			}
			normalized.forEach((hostname) -> websites(hostname).putIfAbsent(key(hostname), website));
			return this;
		}

		private Map<String, String> websites(String hostname) {
			return (hostname.startsWith(PATTERN_PREFIX)) ? this.domains : this.names;
		}

		private static String key(String hostname) {
			return (hostname.startsWith(PATTERN_PREFIX)) ? hostname.substring(PATTERN_PREFIX.length()) : hostname;
		}

		/**
		 * Build the websites.
		 * @return the websites
		 */
		public UmamiWebsites build() {
			if (this.names.isEmpty() && this.domains.isEmpty()) {
				return NONE;
			}
			return new UmamiWebsites(Collections.unmodifiableMap(new LinkedHashMap<>(this.names)),
					Collections.unmodifiableMap(new LinkedHashMap<>(this.domains)));
		}

	}

}
