package io.github.umamispring.autoconfigure;

import java.util.Map;

import io.github.umamispring.DelegatingUmamiTracker;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.actuate.UmamiEndpoint;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiEventDefaults;
import io.github.umamispring.transport.UmamiTransport;
import io.github.umamispring.transport.WebClientUmamiTransport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@code umami} actuator endpoint, created only once it is
 * exposed over HTTP or JMX, as Spring Boot's own endpoints are. The same on Boot 3.5 and
 * 4.x, whose endpoint API is the same.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(after = UmamiAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(UmamiEndpoint.class)
@ConditionalOnBean(UmamiTracker.class)
@EnableConfigurationProperties(UmamiProperties.class)
public final class UmamiEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UmamiEndpoint umamiEndpoint(UmamiTracker tracker, ObjectProvider<UmamiTransport> transport,
			UmamiProperties properties, ObjectProvider<UmamiConnectionDetails> connectionDetails) {
		// What the tracker sends with and to says where events go, whoever configured it
		UmamiTransport sender = transport.getIfUnique();
		String host = (sender instanceof WebClientUmamiTransport sending) ? sending.getHost() : null;
		boolean dryRun = sender != null && sender.isDryRun();
		DefaultUmamiTracker defaultTracker = DelegatingUmamiTracker.unwrap(tracker, DefaultUmamiTracker.class);
		UmamiEndpoint.Setup setup;
		if (defaultTracker != null) {
			UmamiEventDefaults defaults = defaultTracker.getDefaults();
			setup = new UmamiEndpoint.Setup(properties.isEnabled(), dryRun, host, defaults.websiteId(),
					defaults.websites().hostnamesByWebsite());
		}
		else {
			UmamiConnectionDetails details = connectionDetails.getIfAvailable();
			setup = new UmamiEndpoint.Setup(properties.isEnabled(), dryRun, host,
					(details != null) ? details.getWebsiteId() : null, Map.of());
		}
		return new UmamiEndpoint(tracker, setup);
	}

}
