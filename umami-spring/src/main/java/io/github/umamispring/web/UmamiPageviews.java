package io.github.umamispring.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiEventBuilder;
import io.github.umamispring.UmamiVisitor;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Decides which responses are server-side pageviews: successful {@code GET} requests
 * answered with HTML, on an included path that is not excluded, not a static resource and
 * not an actuator endpoint.
 * <p>
 * Set the page title with the request (or exchange) attribute {@link #TITLE_ATTRIBUTE},
 * for example from a controller:
 * {@code request.setAttribute(UmamiPageviews.TITLE_ATTRIBUTE,
 * "Pricing")}.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiPageviews {

	/**
	 * Name of the request attribute (servlet) or exchange attribute (WebFlux) holding the
	 * title of the page, sent as the pageview's {@code title}.
	 */
	public static final String TITLE_ATTRIBUTE = UmamiPageviews.class.getName() + ".title";

	/**
	 * Paths never tracked as pages, whatever is configured.
	 */
	public static final List<String> DEFAULT_EXCLUDE_PATHS = List.of("/actuator", "/actuator/**", "/error",
			"/webjars/**", "/favicon.ico");

	private static final Set<String> STATIC_EXTENSIONS = Set.of("css", "js", "mjs", "map", "json", "xml", "txt", "png",
			"jpg", "jpeg", "gif", "svg", "ico", "webp", "avif", "woff", "woff2", "ttf", "otf", "eot", "pdf", "zip",
			"mp4", "webm", "mp3");

	private final List<PathPattern> includePaths;

	private final List<PathPattern> excludePaths;

	/**
	 * Create a matcher.
	 * @param includePaths path patterns of the pages to track; empty for all
	 * @param excludePaths path patterns never to track, in addition to
	 * {@link #DEFAULT_EXCLUDE_PATHS} and static resources
	 */
	public UmamiPageviews(Collection<String> includePaths, Collection<String> excludePaths) {
		Assert.notNull(includePaths, "'includePaths' must not be null");
		Assert.notNull(excludePaths, "'excludePaths' must not be null");
		List<String> excluded = new ArrayList<>(DEFAULT_EXCLUDE_PATHS);
		excluded.addAll(excludePaths);
		this.includePaths = RequestPaths.parsePatterns(includePaths);
		this.excludePaths = RequestPaths.parsePatterns(excluded);
	}

	/**
	 * Whether a request may be a pageview, judged before it is handled.
	 * @param method the request method
	 * @param pathWithinApplication the path without the context path
	 * @return whether to watch the response
	 */
	public boolean isCandidate(String method, String pathWithinApplication) {
		if (!HttpMethod.GET.matches(method)) {
			return false;
		}
		if (isStaticResource(pathWithinApplication)
				|| RequestPaths.matchesAny(this.excludePaths, pathWithinApplication)) {
			return false;
		}
		return this.includePaths.isEmpty() || RequestPaths.matchesAny(this.includePaths, pathWithinApplication);
	}

	/**
	 * Whether a response makes a pageview.
	 * @param status the response status
	 * @param contentType the response content type, or {@code null}
	 * @return whether the response was a successful HTML page
	 */
	public boolean isPage(int status, @Nullable String contentType) {
		if (status < 200 || status >= 300 || !StringUtils.hasText(contentType)) {
			return false;
		}
		try {
			return MediaType.TEXT_HTML.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Build the pageview of the page the visitor requested.
	 * @param visitor the captured visitor
	 * @param title the page title, or {@code null}
	 * @return the event, or {@code null} when the visitor is not tracked or has no URL
	 */
	public static @Nullable UmamiEvent pageview(CapturedVisitor visitor, @Nullable Object title) {
		UmamiVisitor captured = visitor.getVisitor();
		if (!visitor.isTracked() || captured == null || captured.url() == null) {
			return null;
		}
		UmamiEventBuilder builder = UmamiEvent.pageview(captured.url());
		visitor.applyTo(builder);
		if (title != null && StringUtils.hasText(title.toString())) {
			builder.title(title.toString());
		}
		return builder.build();
	}

	private static boolean isStaticResource(String path) {
		int slash = path.lastIndexOf('/');
		int dot = path.lastIndexOf('.');
		if (dot <= slash || dot == path.length() - 1) {
			return false;
		}
		return STATIC_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

}
