package io.github.umamispring.autoconfigure;

import io.github.umamispring.UmamiTracker;
import io.github.umamispring.metrics.UmamiMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the Umami tracker's Micrometer meters, bound to the
 * {@link UmamiTracker} bean: the auto-configured one, or a user's own that wraps it in a
 * {@link io.github.umamispring.DelegatingUmamiTracker}. Ordered after Boot's metrics
 * auto-configurations (their names on Boot 4 and Boot 3.5), as Boot's own binders are.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(after = UmamiAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBooleanProperty(name = "umami.enabled", matchIfMissing = true)
@ConditionalOnBean({ MeterRegistry.class, UmamiTracker.class })
public final class UmamiMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UmamiMetrics umamiMetrics(UmamiTracker tracker) {
		return new UmamiMetrics(tracker);
	}

}
