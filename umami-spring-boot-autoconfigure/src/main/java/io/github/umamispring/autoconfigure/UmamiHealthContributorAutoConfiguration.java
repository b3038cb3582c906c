package io.github.umamispring.autoconfigure;

import io.github.umamispring.actuate.UmamiHealthCheck;
import io.github.umamispring.actuate.UmamiHealthIndicator;
import io.github.umamispring.delivery.DefaultUmamiTracker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code umami} health indicator. It is not added to the
 * readiness group: an analytics outage must not take the application out of service.
 * <p>
 * The health API is in Spring Boot 4's {@code spring-boot-health} module: only this class
 * and {@link UmamiHealthIndicator} refer to it. On Spring Boot 3.5 the
 * {@code umami-spring-boot3-autoconfigure} artifact registers the same indicator on Boot
 * 3's health API.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(after = UmamiAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.ReactiveHealthIndicator")
@ConditionalOnBean(DefaultUmamiTracker.class)
public final class UmamiHealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("umami")
	static class UmamiHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "umamiHealthIndicator")
		UmamiHealthIndicator umamiHealthIndicator(DefaultUmamiTracker tracker, UmamiConnectionDetails connectionDetails,
				ObjectProvider<UmamiProperties> properties) {
			// Bounded here: a client other than Reactor Netty gets a longer read timeout
			UmamiProperties timeouts = properties.getIfAvailable(UmamiProperties::new);
			return new UmamiHealthIndicator(new UmamiHealthCheck(tracker.getTransport(), connectionDetails.getHostUrl(),
					timeouts.getConnectTimeout().plus(timeouts.getReadTimeout())));
		}

	}

}
