package io.github.umamispring.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiVisitor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Turns what a request tells about its visitor into a {@link CapturedVisitor}, applying
 * the privacy settings: whether the IP is forwarded and anonymized, whether a
 * {@code Sec-GPC: 1} request is tracked, which paths are never tracked.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiVisitorPolicy {

	/**
	 * Header of the Global Privacy Control signal.
	 */
	public static final String GLOBAL_PRIVACY_CONTROL_HEADER = "Sec-GPC";

	private static final Log logger = LogFactory.getLog(UmamiVisitorPolicy.class);

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	private final boolean forwardIp;

	private final boolean anonymizeIp;

	private final boolean honorGlobalPrivacyControl;

	private final List<PathPattern> excludePaths;

	/**
	 * Create a policy.
	 * @param forwardIp whether to send the visitor's IP
	 * @param anonymizeIp whether to shorten the IP to its network (IPv4 /24, IPv6 /48)
	 * @param honorGlobalPrivacyControl whether to skip requests sending
	 * {@code Sec-GPC: 1}
	 * @param excludePaths path patterns (as in {@code @RequestMapping}) whose requests
	 * are never tracked
	 */
	public UmamiVisitorPolicy(boolean forwardIp, boolean anonymizeIp, boolean honorGlobalPrivacyControl,
			Collection<String> excludePaths) {
		Assert.notNull(excludePaths, "'excludePaths' must not be null");
		this.forwardIp = forwardIp;
		this.anonymizeIp = anonymizeIp;
		this.honorGlobalPrivacyControl = honorGlobalPrivacyControl;
		this.excludePaths = parsePatterns(excludePaths);
	}

	/**
	 * Return a policy that forwards the IP as it is and excludes nothing.
	 * @return the policy
	 */
	public static UmamiVisitorPolicy defaults() {
		return new UmamiVisitorPolicy(true, false, true, List.of());
	}

	static List<PathPattern> parsePatterns(Collection<String> patterns) {
		List<PathPattern> parsed = new ArrayList<>(patterns.size());
		for (String pattern : patterns) {
			if (StringUtils.hasText(pattern)) {
				parsed.add(PathPatternParser.defaultInstance.parse(pattern.trim()));
			}
		}
		return List.copyOf(parsed);
	}

	static boolean matchesAny(List<PathPattern> patterns, String path) {
		if (patterns.isEmpty()) {
			return false;
		}
		PathContainer container = PathContainer.parsePath(path);
		for (PathPattern pattern : patterns) {
			if (pattern.matches(container)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Capture a request.
	 * @param request what the request tells about its visitor
	 * @return the capture
	 */
	CapturedVisitor capture(RequestFacts request) {
		if (this.honorGlobalPrivacyControl && "1".equals(trim(request.globalPrivacyControl()))) {
			return CapturedVisitor.notTracked("the request sent " + GLOBAL_PRIVACY_CONTROL_HEADER + ": 1");
		}
		if (matchesAny(this.excludePaths, request.pathWithinApplication())) {
			return CapturedVisitor.notTracked("path " + request.pathWithinApplication() + " is excluded");
		}
		UmamiVisitor visitor = new UmamiVisitor(hostname(request.host()), request.url(),
				emptyToNull(request.referrer()), language(request.acceptLanguage()), emptyToNull(request.userAgent()),
				ip(request.remoteAddress()));
		return CapturedVisitor.of(visitor, null);
	}

	static @Nullable String resolveDistinctId(UmamiDistinctIdResolver resolver, Principal principal) {
		try {
			return resolver.resolveDistinctId(principal);
		}
		catch (RuntimeException ex) {
			logger.debug("UmamiDistinctIdResolver failed; sending the event without a distinct id", ex);
			return null;
		}
	}

	private @Nullable String ip(@Nullable String remoteAddress) {
		if (!this.forwardIp || !StringUtils.hasText(remoteAddress)) {
			return null;
		}
		return (this.anonymizeIp) ? anonymize(remoteAddress) : remoteAddress;
	}

	/**
	 * Shorten an IP address to its network: an IPv4 address to /24 (the last byte set to
	 * zero), an IPv6 address to /48 (the last 80 bits set to zero).
	 * @param ip an IP address literal
	 * @return the anonymized address, or {@code null} when {@code ip} is not an IP
	 * address literal
	 */
	public static @Nullable String anonymize(String ip) {
		String address = ip.trim();
		if (IPV4.matcher(address).matches()) {
			return address.substring(0, address.lastIndexOf('.')) + ".0";
		}
		if (address.indexOf(':') < 0) {
			return null;
		}
		if (address.startsWith("[") && address.endsWith("]")) {
			address = address.substring(1, address.length() - 1);
		}
		int zone = address.indexOf('%');
		if (zone >= 0) {
			address = address.substring(0, zone);
		}
		try {
			// a literal containing ':' is parsed, never looked up
			byte[] bytes = InetAddress.getByName(address).getAddress();
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

	private static @Nullable String hostname(@Nullable String host) {
		if (!StringUtils.hasText(host) || host.length() > UmamiEvent.MAX_HOSTNAME_LENGTH) {
			return null;
		}
		return host;
	}

	/**
	 * Return the first language tag of an {@code Accept-Language} header.
	 * @param acceptLanguage the header value
	 * @return the first tag, or {@code null} when there is none
	 */
	static @Nullable String language(@Nullable String acceptLanguage) {
		if (!StringUtils.hasText(acceptLanguage)) {
			return null;
		}
		String first = acceptLanguage.split(",", 2)[0];
		int parameters = first.indexOf(';');
		String tag = ((parameters >= 0) ? first.substring(0, parameters) : first).trim();
		if (tag.isEmpty() || "*".equals(tag) || tag.length() > UmamiEvent.MAX_LANGUAGE_LENGTH) {
			return null;
		}
		return tag;
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return StringUtils.hasText(value) ? value : null;
	}

	private static @Nullable String trim(@Nullable String value) {
		return (value != null) ? value.trim() : null;
	}

	/**
	 * What a request tells about its visitor, read from the servlet or reactive request.
	 *
	 * @param pathWithinApplication the path without the context path, to match exclusions
	 * @param host the host the visitor asked for, without port
	 * @param url the path and query
	 * @param referrer the {@code Referer} header
	 * @param acceptLanguage the {@code Accept-Language} header
	 * @param userAgent the {@code User-Agent} header
	 * @param remoteAddress the client address after forwarded-header handling
	 * @param globalPrivacyControl the {@code Sec-GPC} header
	 */
	record RequestFacts(String pathWithinApplication, @Nullable String host, String url, @Nullable String referrer,
			@Nullable String acceptLanguage, @Nullable String userAgent, @Nullable String remoteAddress,
			@Nullable String globalPrivacyControl) {

	}

}
