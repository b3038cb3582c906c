package io.github.umamispring.transport;

import org.jspecify.annotations.Nullable;

/**
 * One request to Umami's collection endpoint, ready to send.
 *
 * @param body the JSON body
 * @param userAgent the {@code User-Agent} header: the visitor's, else the configured
 * default
 * @param cacheToken the {@code x-umami-cache} header, or {@code null} to send none
 * @author umami-spring-boot contributors
 */
public record UmamiRequest(String body, String userAgent, @Nullable String cacheToken) {

	/**
	 * Return the body and User-Agent, with the cache token masked: a cache token lets
	 * whoever holds it send events into the visitor's session.
	 */
	@Override
	public String toString() {
		return "UmamiRequest[body=" + this.body + ", userAgent=" + this.userAgent + ", cacheToken="
				+ ((this.cacheToken != null) ? "******" : null) + "]";
	}

}
