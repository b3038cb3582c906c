package io.github.umamispring.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Removes the query parameters (and path parameters such as {@code ;jsessionid=}) whose
 * names mark them as secret or personal from a url or referrer before it leaves the
 * application, or the whole query. Names are compared ignoring case, after decoding, in
 * one of two ways:
 * <ul>
 * <li>as a whole name or a separated part: a name is cut into parts at every character
 * that is neither a letter nor a digit and where camel case starts a new word, so
 * {@code token} removes {@code token}, {@code reset_token}, {@code access-token} and
 * {@code accessToken}, and {@code key} removes {@code api_key} and {@code apiKey}, but
 * not {@code keyword} or {@code monkey}. A name of several parts, such as
 * {@code api_key}, matches those parts in a row.</li>
 * <li>as a whole name only: {@code code} removes {@code code} and {@code Code}, not
 * {@code promo_code} or {@code zipcode}.</li>
 * </ul>
 *
 * @author umami-spring-boot contributors
 */
final class QueryParameterFilter {

	/**
	 * Names removed by default as a whole name or a separated part: tokens, passwords,
	 * secrets, keys, sessions, signatures of signed URLs, credentials and e-mail
	 * addresses.
	 */
	static final List<String> DEFAULT_EXCLUDED_NAMES = List.of("token", "password", "passwd", "secret", "key", "apikey",
			"session", "sessionid", "jsessionid", "signature", "sig", "credential", "auth", "mail", "email");

	/**
	 * Names removed by default as whole names only: OAuth's authorization code and state,
	 * too common as parts of other names ({@code promo_code}, {@code country_code},
	 * {@code us_state}) to be matched as parts.
	 */
	static final List<String> DEFAULT_EXCLUDED_EXACT_NAMES = List.of("code", "state");

	private final boolean excludeQuery;

	private final List<List<String>> excludedParts;

	private final List<String> excludedExactNames;

	private QueryParameterFilter(boolean excludeQuery, List<List<String>> excludedParts,
			List<String> excludedExactNames) {
		this.excludeQuery = excludeQuery;
		this.excludedParts = excludedParts;
		this.excludedExactNames = excludedExactNames;
	}

	static QueryParameterFilter of(boolean excludeQuery, Collection<String> excludedNames,
			Collection<String> excludedExactNames) {
		List<List<String>> parts = new ArrayList<>();
		for (String name : excludedNames) {
			List<String> nameParts = parts(name);
			if (!nameParts.isEmpty()) {
				parts.add(nameParts);
			}
		}
		List<String> exactNames = new ArrayList<>();
		for (String name : excludedExactNames) {
			if (StringUtils.hasText(name)) {
				exactNames.add(name.trim().toLowerCase(Locale.ROOT));
			}
		}
		return new QueryParameterFilter(excludeQuery, List.copyOf(parts), List.copyOf(exactNames));
	}

	QueryParameterFilter withExcludeQuery(boolean excludeQuery) {
		return new QueryParameterFilter(excludeQuery, this.excludedParts, this.excludedExactNames);
	}

	QueryParameterFilter withExcludedNames(Collection<String> excludedNames) {
		return new QueryParameterFilter(this.excludeQuery, of(false, excludedNames, List.of()).excludedParts,
				this.excludedExactNames);
	}

	QueryParameterFilter withExcludedExactNames(Collection<String> excludedExactNames) {
		return new QueryParameterFilter(this.excludeQuery, this.excludedParts,
				of(false, List.of(), excludedExactNames).excludedExactNames);
	}

	/**
	 * Filter a url: a path with its query, or an absolute URL.
	 * @param url the url, or {@code null}
	 * @return the url without the excluded parameters, or {@code null}
	 */
	@Nullable String filter(@Nullable String url) {
		if (url == null || (url.indexOf('?') < 0 && url.indexOf(';') < 0)
				|| (!this.excludeQuery && this.excludedParts.isEmpty() && this.excludedExactNames.isEmpty())) {
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
		String name = decode((equals >= 0) ? parameter.substring(0, equals) : parameter).trim();
		if (this.excludedExactNames.contains(name.toLowerCase(Locale.ROOT))) {
			return true;
		}
		List<String> nameParts = parts(name);
		for (List<String> excluded : this.excludedParts) {
			if (Collections.indexOfSubList(nameParts, excluded) >= 0) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Cut a name into its lower-case parts: at every character that is neither a letter
	 * nor a digit, before an upper-case letter that follows a lower-case letter or a
	 * digit ({@code accessToken}), and before the last upper-case letter of a run
	 * followed by a lower-case one ({@code APIKey}).
	 * @param name the name
	 * @return its parts, empty for a name without letters or digits
	 */
	static List<String> parts(String name) {
		List<String> parts = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char ch = name.charAt(i);
			if (!Character.isLetterOrDigit(ch)) {
				addPart(parts, part);
				continue;
			}
			if (Character.isUpperCase(ch) && i > 0
					&& startsWord(name.charAt(i - 1), (i + 1 < name.length()) ? name.charAt(i + 1) : ' ')) {
				addPart(parts, part);
			}
			part.append(Character.toLowerCase(ch));
		}
		addPart(parts, part);
		return parts;
	}

	private static boolean startsWord(char previous, char next) {
		return Character.isLowerCase(previous) || Character.isDigit(previous)
				|| (Character.isUpperCase(previous) && Character.isLowerCase(next));
	}

	private static void addPart(List<String> parts, StringBuilder part) {
		if (!part.isEmpty()) {
			parts.add(part.toString());
			part.setLength(0);
		}
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
