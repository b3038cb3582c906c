package io.github.umamispring.boot3;

import io.github.umamispring.actuate.UmamiHealthCheck;
import io.github.umamispring.autoconfigure.UmamiAutoConfiguration;
import io.github.umamispring.autoconfigure.UmamiConnectionDetails;
import io.github.umamispring.autoconfigure.UmamiProperties;
import io.github.umamispring.delivery.DefaultUmamiTracker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code umami} health indicator on Spring Boot 3.5, whose
 * health API is in {@code spring-boot-actuator}. As on Boot 4, it is not added to the
 * readiness group: an analytics outage must not take the application out of service.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(after = UmamiAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.ReactiveHealthIndicator")
@ConditionalOnBean(DefaultUmamiTracker.class)
public final class UmamiBoot3HealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("umami")
	static class UmamiHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "umamiHealthIndicator")
		UmamiBoot3HealthIndicator umamiHealthIndicator(DefaultUmamiTracker tracker,
				UmamiConnectionDetails connectionDetails, ObjectProvider<UmamiProperties> properties) {
			// Bounded here: a client other than Reactor Netty gets a longer read timeout
			UmamiProperties timeouts = properties.getIfAvailable(UmamiProperties::new);
			return new UmamiBoot3HealthIndicator(new UmamiHealthCheck(tracker.getTransport(),
					connectionDetails.getHostUrl(), timeouts.getConnectTimeout().plus(timeouts.getReadTimeout())));
		}

	}

}
