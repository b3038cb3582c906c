package io.github.umamispring;

import org.jspecify.annotations.Nullable;

/**
 * The visitor an event belongs to, as seen in their HTTP request. Umami derives the
 * session, browser, operating system, country and referrer from these fields, so they
 * must describe the visitor and not the application server.
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

}
