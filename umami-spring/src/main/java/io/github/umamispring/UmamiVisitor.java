package io.github.umamispring;

import org.jspecify.annotations.Nullable;

/**
 * The visitor an event comes from, as Umami reads it from the visitor's HTTP request: the
 * page (hostname, url, referrer) and the client (language, User-Agent, address). Umami
 * derives the session, browser, operating system, country and referrer from these fields,
 * so they must describe the visitor and not the application server.
 * <p>
 * "Visitor" is the one name this project gives the concept, as Umami's dashboard does:
 * {@code UmamiVisitorCapture} captures it, {@code umami.privacy.*} decides what of it is
 * sent.
 *
 * @param hostname the host the visitor asked for, without port
 * @param url the path and query of the page
 * @param referrer the {@code Referer} the visitor sent
 * @param language the first language tag of {@code Accept-Language}
 * @param userAgent the visitor's {@code User-Agent}
 * @param ip the visitor's address
 * @author umami-spring-boot contributors
 */
public record UmamiVisitor(@Nullable String hostname, @Nullable String url, @Nullable String referrer,
		@Nullable String language, @Nullable String userAgent, @Nullable String ip) {

	/**
	 * Return a copy whose IP address is shortened to its network: an IPv4 address to /24
	 * (the last byte set to zero), an IPv6 address to /48 (the last 80 bits set to zero).
	 * A value that is not an IP address literal is kept, for the event's build to leave
	 * out; it is never looked up in DNS.
	 * @return the copy
	 */
	public UmamiVisitor withAnonymizedIp() {
		String anonymized = (this.ip != null) ? IpLiterals.anonymize(this.ip) : null;
		return (anonymized != null)
				? new UmamiVisitor(this.hostname, this.url, this.referrer, this.language, this.userAgent, anonymized)
				: this;
	}

	/**
	 * Set the fields this visitor has on a builder, leaving the others as they are.
	 * @param builder the builder
	 */
	void applyTo(UmamiEventBuilder builder) {
		builder.hostname = firstNonNull(this.hostname, builder.hostname);
		builder.url = firstNonNull(this.url, builder.url);
		builder.referrer = firstNonNull(this.referrer, builder.referrer);
		builder.language = firstNonNull(this.language, builder.language);
		builder.userAgent = firstNonNull(this.userAgent, builder.userAgent);
		builder.ip = firstNonNull(this.ip, builder.ip);
	}

	private static @Nullable String firstNonNull(@Nullable String preferred, @Nullable String fallback) {
		return (preferred != null) ? preferred : fallback;
	}

}
