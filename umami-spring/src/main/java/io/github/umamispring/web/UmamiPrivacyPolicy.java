package io.github.umamispring.web;

import java.security.Principal;
import java.util.Collection;
import java.util.List;

import io.github.umamispring.UmamiVisitor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Turns what a request tells about its visitor into a {@link CapturedVisitor}, applying
 * the privacy settings: whether the IP is forwarded and anonymized, whether a
 * {@code Sec-GPC: 1} request is tracked, which paths are never tracked, which query
 * parameters of the url and referrer are removed.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiPrivacyPolicy {

	/**
	 * Header of the Global Privacy Control signal.
	 */
	public static final String GLOBAL_PRIVACY_CONTROL_HEADER = "Sec-GPC";

	/**
	 * Query parameter names removed by default, ignoring case, as a whole name or a
	 * separated part of a longer name ({@code token} removes {@code reset_token} and
	 * {@code accessToken}, {@code key} removes {@code api_key} but not {@code keyword}):
	 * tokens, passwords, secrets, keys, sessions, signatures of signed URLs, credentials
	 * and e-mail addresses.
	 */
	public static final List<String> DEFAULT_EXCLUDED_QUERY_PARAMETERS = QueryParameterFilter.DEFAULT_EXCLUDED_NAMES;

	/**
	 * Query parameter names removed by default only as whole names, ignoring case:
	 * OAuth's authorization {@code code} and {@code state}, so that {@code promo_code},
	 * {@code zipcode} and {@code country_code} stay.
	 */
	public static final List<String> DEFAULT_EXCLUDED_QUERY_PARAMETERS_EXACT = QueryParameterFilter.DEFAULT_EXCLUDED_EXACT_NAMES;

	private static final Log logger = LogFactory.getLog(UmamiPrivacyPolicy.class);

	private final boolean forwardIp;

	private final boolean forwardUserAgent;

	private final boolean anonymizeIp;

	private final boolean honorGlobalPrivacyControl;

	private final List<PathPattern> excludePaths;

	private final QueryParameterFilter queryFilter;

	private UmamiPrivacyPolicy(boolean forwardIp, boolean forwardUserAgent, boolean anonymizeIp,
			boolean honorGlobalPrivacyControl, List<PathPattern> excludePaths, QueryParameterFilter queryFilter) {
		this.forwardIp = forwardIp;
		this.forwardUserAgent = forwardUserAgent;
		this.anonymizeIp = anonymizeIp;
		this.honorGlobalPrivacyControl = honorGlobalPrivacyControl;
		this.excludePaths = excludePaths;
		this.queryFilter = queryFilter;
	}

	/**
	 * Return the default policy: the IP and User-Agent are forwarded as they are, a
	 * {@code Sec-GPC: 1} request is not tracked, no path is excluded, the
	 * {@link #DEFAULT_EXCLUDED_QUERY_PARAMETERS secret and personal query parameters} and
	 * {@link #DEFAULT_EXCLUDED_QUERY_PARAMETERS_EXACT OAuth's code and state} are removed
	 * from the url and referrer.
	 * @return the policy
	 */
	public static UmamiPrivacyPolicy defaults() {
		return new UmamiPrivacyPolicy(true, true, false, true, List.of(), QueryParameterFilter.of(false,
				DEFAULT_EXCLUDED_QUERY_PARAMETERS, DEFAULT_EXCLUDED_QUERY_PARAMETERS_EXACT));
	}

	/**
	 * Return a copy that sends the visitor's IP or not.
	 * @param forwardIp whether to send the visitor's IP
	 * @return the copy
	 */
	public UmamiPrivacyPolicy withForwardIp(boolean forwardIp) {
		return new UmamiPrivacyPolicy(forwardIp, this.forwardUserAgent, this.anonymizeIp,
				this.honorGlobalPrivacyControl, this.excludePaths, this.queryFilter);
	}

	/**
	 * Return a copy that sends the visitor's User-Agent or not.
	 * @param forwardUserAgent whether to send the visitor's User-Agent
	 * @return the copy
	 */
	public UmamiPrivacyPolicy withForwardUserAgent(boolean forwardUserAgent) {
		return new UmamiPrivacyPolicy(this.forwardIp, forwardUserAgent, this.anonymizeIp,
				this.honorGlobalPrivacyControl, this.excludePaths, this.queryFilter);
	}

	/**
	 * Return a copy that shortens the IP to its network (IPv4 /24, IPv6 /48) or not.
	 * @param anonymizeIp whether to anonymize the IP
	 * @return the copy
	 */
	public UmamiPrivacyPolicy withAnonymizeIp(boolean anonymizeIp) {
		return new UmamiPrivacyPolicy(this.forwardIp, this.forwardUserAgent, anonymizeIp,
				this.honorGlobalPrivacyControl, this.excludePaths, this.queryFilter);
	}

	/**
	 * Return a copy that skips requests sending {@code Sec-GPC: 1} or not.
	 * @param honorGlobalPrivacyControl whether to honor the Global Privacy Control
	 * @return the copy
	 */
	public UmamiPrivacyPolicy withHonorGlobalPrivacyControl(boolean honorGlobalPrivacyControl) {
		return new UmamiPrivacyPolicy(this.forwardIp, this.forwardUserAgent, this.anonymizeIp,
				honorGlobalPrivacyControl, this.excludePaths, this.queryFilter);
	}

	/**
	 * Return a copy that never tracks requests to the given paths.
	 * @param excludePaths path patterns (as in {@code @RequestMapping}), matched against
	 * the path without the context path
	 * @return the copy
	 */
	public UmamiPrivacyPolicy withExcludePaths(Collection<String> excludePaths) {
		Assert.notNull(excludePaths, "'excludePaths' must not be null");
		return new UmamiPrivacyPolicy(this.forwardIp, this.forwardUserAgent, this.anonymizeIp,
				this.honorGlobalPrivacyControl, RequestPaths.parsePatterns(excludePaths), this.queryFilter);
	}

	/**
	 * Return a copy that sends urls and referrers without their query, as Umami's tracker
	 * does with {@code data-exclude-search}, or with it.
	 * @param excludeQuery whether to send no query at all
	 * @return the copy
	 */
	public UmamiPrivacyPolicy withExcludeQuery(boolean excludeQuery) {
		return new UmamiPrivacyPolicy(this.forwardIp, this.forwardUserAgent, this.anonymizeIp,
				this.honorGlobalPrivacyControl, this.excludePaths, this.queryFilter.withExcludeQuery(excludeQuery));
	}

	/**
	 * Return a copy that removes the given query parameters (and path parameters such as
	 * {@code ;jsessionid=}) from urls and referrers, instead of the
	 * {@link #DEFAULT_EXCLUDED_QUERY_PARAMETERS default ones}.
	 * @param names parameter names, matched ignoring case as a whole name or a separated
	 * part of a longer name: a name is cut into parts at every character that is neither
	 * a letter nor a digit and where camel case starts a word, so {@code token} removes
	 * {@code reset_token}, {@code access-token} and {@code accessToken}, and {@code key}
	 * removes {@code X-Api-Key} but not {@code keyword} or {@code monkey}
	 * @return the copy
	 */
	public UmamiPrivacyPolicy withExcludeQueryParameters(Collection<String> names) {
		Assert.notNull(names, "'names' must not be null");
		return new UmamiPrivacyPolicy(this.forwardIp, this.forwardUserAgent, this.anonymizeIp,
				this.honorGlobalPrivacyControl, this.excludePaths, this.queryFilter.withExcludedNames(names));
	}

	/**
	 * Return a copy that removes the query parameters (and path parameters) of exactly
	 * the given names, ignoring case, from urls and referrers, instead of the
	 * {@link #DEFAULT_EXCLUDED_QUERY_PARAMETERS_EXACT default ones}.
	 * @param names parameter names, matched only as whole names: {@code code} removes
	 * {@code code}, not {@code promo_code}
	 * @return the copy
	 */
	public UmamiPrivacyPolicy withExcludeQueryParametersExact(Collection<String> names) {
		Assert.notNull(names, "'names' must not be null");
		return new UmamiPrivacyPolicy(this.forwardIp, this.forwardUserAgent, this.anonymizeIp,
				this.honorGlobalPrivacyControl, this.excludePaths, this.queryFilter.withExcludedExactNames(names));
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
		if (RequestPaths.matchesAny(this.excludePaths, request.pathWithinApplication())) {
			return CapturedVisitor.notTracked("path " + request.pathWithinApplication() + " is excluded");
		}
		UmamiVisitor visitor = new UmamiVisitor(hostname(request.host()), this.queryFilter.filter(request.url()),
				this.queryFilter.filter(emptyToNull(request.referrer())), language(request.acceptLanguage()),
				(this.forwardUserAgent) ? emptyToNull(request.userAgent()) : null, ip(request.remoteAddress()));
		return CapturedVisitor.of((this.anonymizeIp) ? visitor.withAnonymizedIp() : visitor, null);
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
		return (this.forwardIp && StringUtils.hasText(remoteAddress)) ? remoteAddress : null;
	}

	/**
	 * Return the host, which the event's build lowers, converts to punycode or leaves out
	 * as Umami needs.
	 */
	private static @Nullable String hostname(@Nullable String host) {
		return StringUtils.hasText(host) ? host : null;
	}

	/**
	 * Return the first language tag of an {@code Accept-Language} header, which the
	 * event's build cuts or leaves out when it is too long for Umami.
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
		if (tag.isEmpty() || "*".equals(tag)) {
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
