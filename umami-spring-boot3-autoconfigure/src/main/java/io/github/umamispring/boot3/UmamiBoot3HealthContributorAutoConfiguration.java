package io.github.umamispring.boot3;

import io.github.umamispring.autoconfigure.UmamiAutoConfiguration;
import io.github.umamispring.autoconfigure.UmamiProperties;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.transport.UmamiTransport;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code umami} health indicator on Spring Boot 3.5, whose
 * health API is in {@code spring-boot-actuator}: it asks Umami's heartbeat through the
 * {@link UmamiTransport} bean. As on Boot 4, an analytics outage must not take the
 * application out of service: an unavailable Umami is reported with a status that the
 * overall health leaves out, unless {@code umami.health.critical} is set, and the
 * indicator is not added to the readiness group.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(after = UmamiAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.ReactiveHealthIndicator")
@ConditionalOnBean(UmamiTransport.class)
@ConditionalOnEnabledHealthIndicator("umami")
@EnableConfigurationProperties(UmamiProperties.class)
public final class UmamiBoot3HealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "umamiHealthIndicator")
	UmamiBoot3HealthIndicator umamiHealthIndicator(UmamiTransport transport, ObjectProvider<UmamiTracker> tracker,
			UmamiProperties properties) {
		return new UmamiBoot3HealthIndicator(transport, tracker.getIfUnique(), properties.getHealth().isCritical());
	}

}
