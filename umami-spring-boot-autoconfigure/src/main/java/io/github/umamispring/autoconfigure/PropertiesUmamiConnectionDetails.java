package io.github.umamispring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * {@link UmamiConnectionDetails} backed by {@link UmamiProperties}.
 *
 * @author umami-spring-boot contributors
 */
class PropertiesUmamiConnectionDetails implements UmamiConnectionDetails {

	private final UmamiProperties properties;

	PropertiesUmamiConnectionDetails(UmamiProperties properties) {
		this.properties = properties;
	}

	@Override
	public @Nullable String getHostUrl() {
		return StringUtils.hasText(this.properties.getHostUrl()) ? this.properties.getHostUrl().trim() : null;
	}

	@Override
	public @Nullable String getWebsiteId() {
		return StringUtils.hasText(this.properties.getWebsiteId()) ? this.properties.getWebsiteId().trim() : null;
	}

	@Override
	public @Nullable String getApiKey() {
		return StringUtils.hasText(this.properties.getApiKey()) ? this.properties.getApiKey().trim() : null;
	}

}
