package io.github.umamispring.delivery;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What an event is sent with when it does not say: the website, the hostname and the
 * {@code User-Agent} of events without a visitor (scheduled jobs, listeners).
 *
 * @param websiteId the website for events that name none
 * @param hostname the hostname for events that have none
 * @param userAgent the {@code User-Agent} for events without a visitor agent; one that
 * Umami does not filter as a bot
 * @author umami-spring-boot contributors
 */
public record UmamiEventDefaults(@Nullable String websiteId, @Nullable String hostname, String userAgent) {

	public UmamiEventDefaults {
		Assert.hasText(userAgent, "'userAgent' must not be empty");
	}

}
