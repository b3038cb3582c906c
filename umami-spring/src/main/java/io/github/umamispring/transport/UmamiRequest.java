package io.github.umamispring.transport;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One request to Umami's collection endpoint, ready to send.
 *
 * @param body the JSON body
 * @param userAgent the {@code User-Agent} header: the visitor's, else the configured
 * default
 * @param cacheToken the {@code x-umami-cache} header, or {@code null} to send none
 * @param readTimeout how long Umami may take to answer once the request is sent, sized to
 * the events it writes before answering; {@code null} for the transport's own. The
 * tracker gives up on a request whose answer has not come within the connect timeout plus
 * this, whatever the transport does
 * @author umami-spring-boot contributors
 */
public record UmamiRequest(String body, String userAgent, @Nullable String cacheToken, @Nullable Duration readTimeout) {

	/**
	 * Create a request with the transport's own read timeout.
	 * @param body the JSON body
	 * @param userAgent the {@code User-Agent} header
	 * @param cacheToken the {@code x-umami-cache} header, or {@code null} to send none
	 */
	public UmamiRequest(String body, String userAgent, @Nullable String cacheToken) {
		this(body, userAgent, cacheToken, null);
	}

	/**
	 * Return this request with the given read timeout.
	 * @param readTimeout how long Umami may take to answer once the request is sent
	 * @return the request
	 */
	public UmamiRequest withReadTimeout(Duration readTimeout) {
		return new UmamiRequest(this.body, this.userAgent, this.cacheToken, readTimeout);
	}

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
