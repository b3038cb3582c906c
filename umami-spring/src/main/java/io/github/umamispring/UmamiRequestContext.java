package io.github.umamispring;

import org.jspecify.annotations.Nullable;

/**
 * The visitor's HTTP request an event comes from, as Umami reads it: the page (hostname,
 * url, referrer) and the client (language, User-Agent, address). Umami derives the
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
public record UmamiRequestContext(@Nullable String hostname, @Nullable String url, @Nullable String referrer,
		@Nullable String language, @Nullable String userAgent, @Nullable String ip) {

}
