package io.github.umamispring.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Path patterns (as in {@code @RequestMapping}) that decide which requests are tracked.
 *
 * @author umami-spring-boot contributors
 */
final class RequestPaths {

	private RequestPaths() {
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

}
