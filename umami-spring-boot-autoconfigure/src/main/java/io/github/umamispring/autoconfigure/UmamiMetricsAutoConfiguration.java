package io.github.umamispring.autoconfigure;

import io.github.umamispring.actuate.UmamiMetrics;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the Umami tracker's Micrometer meters.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(after = UmamiAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(DefaultUmamiTracker.class)
public final class UmamiMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UmamiMetrics umamiMetrics(DefaultUmamiTracker tracker) {
		return new UmamiMetrics(tracker);
	}

}
