package io.github.umamispring.autoconfigure;

import io.github.umamispring.actuate.UmamiHealthIndicator;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.transport.UmamiTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code umami} health indicator, which asks Umami's
 * heartbeat through the {@link UmamiTransport} bean: the auto-configured one or a user's
 * own, whatever tracker sends with it. An analytics outage must not take the application
 * out of service: an unavailable Umami is reported with a status that the overall health
 * leaves out, unless {@code umami.health.critical} is set, and the indicator is not added
 * to the readiness group.
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
@ConditionalOnBean(UmamiTransport.class)
@ConditionalOnEnabledHealthIndicator("umami")
@EnableConfigurationProperties(UmamiProperties.class)
public final class UmamiHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "umamiHealthIndicator")
	UmamiHealthIndicator umamiHealthIndicator(UmamiTransport transport, ObjectProvider<UmamiTracker> tracker,
			UmamiProperties properties) {
		return new UmamiHealthIndicator(transport, tracker.getIfUnique(), properties.getHealth().isCritical());
	}

}
