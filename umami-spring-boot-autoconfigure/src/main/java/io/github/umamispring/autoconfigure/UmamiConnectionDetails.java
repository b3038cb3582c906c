package io.github.umamispring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details required to connect to an Umami server: by default from {@code umami.*}
 * properties, or from a service connection such as a Testcontainers
 * {@code UmamiContainer}.
 *
 * @author umami-spring-boot contributors
 */
public interface UmamiConnectionDetails extends ConnectionDetails {

	/**
	 * Return the base URL of the Umami server.
	 * @return the host URL, or {@code null} when none is configured (dry run)
	 */
	@Nullable String getHostUrl();

	/**
	 * Return the id of the website events are recorded for.
	 * @return the website id, or {@code null}
	 */
	@Nullable String getWebsiteId();

	/**
	 * Return the API key sent as the {@code x-umami-api-key} header with every request,
	 * as Umami Cloud's API expects. Self-hosted servers need none to collect events.
	 * @return the API key, or {@code null} to send none
	 */
	default @Nullable String getApiKey() {
		return null;
	}

}
