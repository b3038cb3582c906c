package io.github.umamispring.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Removes the query parameters (and path parameters such as {@code ;jsessionid=}) whose
 * names mark them as secret or personal from a url or referrer before it leaves the
 * application, or the whole query. A name matches a word when it is the word or ends with
 * it, ignoring case: {@code token} removes {@code token}, {@code reset_token} and
 * {@code accessToken}.
 *
 * @author umami-spring-boot contributors
 */
final class QueryParameterFilter {

	/**
	 * Names removed by default: tokens, OAuth codes and states, passwords, secrets, keys,
	 * sessions, signatures of signed URLs, credentials and e-mail addresses.
	 */
	static final List<String> DEFAULT_EXCLUDED_NAMES = List.of("token", "code", "state", "password", "passwd", "secret",
			"key", "session", "sessionid", "signature", "sig", "credential", "auth", "mail");

	private final boolean excludeQuery;

	private final List<String> excludedNames;

	private QueryParameterFilter(boolean excludeQuery, List<String> excludedNames) {
		this.excludeQuery = excludeQuery;
		this.excludedNames = excludedNames;
	}

	static QueryParameterFilter of(boolean excludeQuery, Collection<String> excludedNames) {
		List<String> names = new ArrayList<>();
		for (String name : excludedNames) {
			if (StringUtils.hasText(name)) {
				names.add(name.trim().toLowerCase(Locale.ROOT));
			}
		}
		return new QueryParameterFilter(excludeQuery, List.copyOf(names));
	}

	QueryParameterFilter withExcludeQuery(boolean excludeQuery) {
		return new QueryParameterFilter(excludeQuery, this.excludedNames);
	}

	QueryParameterFilter withExcludedNames(Collection<String> excludedNames) {
		return of(this.excludeQuery, excludedNames);
	}

	/**
	 * Filter a url: a path with its query, or an absolute URL.
	 * @param url the url, or {@code null}
	 * @return the url without the excluded parameters, or {@code null}
	 */
	@Nullable String filter(@Nullable String url) {
		if (url == null || (url.indexOf('?') < 0 && url.indexOf(';') < 0)
				|| (!this.excludeQuery && this.excludedNames.isEmpty())) {
			return url;
		}
		int fragmentStart = url.indexOf('#');
		String fragment = (fragmentStart >= 0) ? url.substring(fragmentStart) : "";
		String beforeFragment = (fragmentStart >= 0) ? url.substring(0, fragmentStart) : url;
		int queryStart = beforeFragment.indexOf('?');
		String path = (queryStart >= 0) ? beforeFragment.substring(0, queryStart) : beforeFragment;
		StringBuilder result = new StringBuilder(url.length());
		filterPath(result, path);
		if (queryStart >= 0 && !this.excludeQuery) {
			filterQuery(result, beforeFragment.substring(queryStart + 1));
		}
		return result.append(fragment).toString();
	}

	private void filterPath(StringBuilder result, String path) {
		if (path.indexOf(';') < 0) {
			result.append(path);
			return;
		}
		int start = 0;
		while (start <= path.length()) {
			int end = path.indexOf('/', start);
			end = (end >= 0) ? end : path.length();
			String[] parts = path.substring(start, end).split(";", -1);
			result.append(parts[0]);
			for (int i = 1; i < parts.length; i++) {
				if (!isExcluded(parts[i])) {
					result.append(';').append(parts[i]);
				}
			}
			if (end < path.length()) {
				result.append('/');
			}
			start = end + 1;
		}
	}

	private void filterQuery(StringBuilder result, String query) {
		int kept = 0;
		for (String parameter : query.split("&", -1)) {
			if (!parameter.isEmpty() && !isExcluded(parameter)) {
				result.append((kept++ == 0) ? '?' : '&').append(parameter);
			}
		}
	}

	private boolean isExcluded(String parameter) {
		int equals = parameter.indexOf('=');
		String name = decode((equals >= 0) ? parameter.substring(0, equals) : parameter).trim()
			.toLowerCase(Locale.ROOT);
		for (String excluded : this.excludedNames) {
			if (name.endsWith(excluded)) {
				return true;
			}
		}
		return false;
	}

	private static String decode(String name) {
		try {
			return URLDecoder.decode(name, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

}
