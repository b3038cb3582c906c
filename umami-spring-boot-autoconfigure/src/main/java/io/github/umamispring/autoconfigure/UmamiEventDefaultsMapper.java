package io.github.umamispring.autoconfigure;

import io.github.umamispring.UmamiWebsites;
import io.github.umamispring.delivery.UmamiEventDefaults;

/**
 * Maps the properties that fill in what an event leaves out (the website, by hostname or
 * by default, the hostname and the User-Agent) to {@link UmamiEventDefaults}, checking
 * them first, so that a missing or malformed value fails the application with the
 * property's name and the fix.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventDefaultsMapper {

	private UmamiEventDefaultsMapper() {
	}

	static UmamiEventDefaults map(UmamiProperties properties, UmamiConnectionDetails connectionDetails) {
		boolean sending = connectionDetails.getHostUrl() != null && !properties.isDryRun();
		UmamiWebsites websites = UmamiWebsitesMapper.map(properties);
		// Websites by hostname make the default website optional: events of other
		// hostnames are then dropped
		UmamiConnectionValidator.validateWebsiteId(connectionDetails, sending && websites.isEmpty());
		return new UmamiEventDefaults(connectionDetails.getWebsiteId(),
				UmamiConnectionValidator.hostname(properties.getHostname()), properties.getUserAgent(), websites);
	}

}
