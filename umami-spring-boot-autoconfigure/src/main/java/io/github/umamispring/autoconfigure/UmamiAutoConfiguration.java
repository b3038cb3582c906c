package io.github.umamispring.autoconfigure;

import java.util.regex.Pattern;

import io.github.umamispring.NoOpUmamiTracker;
import io.github.umamispring.UmamiEventProcessor;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiDeliveryOptions;
import io.github.umamispring.transport.UmamiTransport;
import io.github.umamispring.transport.UmamiWebClientCustomizer;
import io.github.umamispring.transport.WebClientUmamiTransport;
import io.github.umamispring.transport.WebClientUmamiTransportBuilder;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@link UmamiTracker} and the {@link UmamiTransport} it
 * sends with.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(afterName = { "org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.autoconfigure.web.reactive.function.client.ClientHttpConnectorAutoConfiguration",
		"org.springframework.boot.autoconfigure.http.client.reactive.ClientHttpConnectorAutoConfiguration",
		"org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@EnableConfigurationProperties(UmamiProperties.class)
public final class UmamiAutoConfiguration {

	private static final Log logger = LogFactory.getLog(UmamiAutoConfiguration.class);

	/**
	 * {@code umami.api-key} in any of its forms (umami.apiKey, UMAMI_APIKEY), lower case
	 * and without separators.
	 */
	private static final String API_KEY = "umamiapikey";

	private static final Pattern SEPARATORS = Pattern.compile("[-_.]");

	@Bean
	@ConditionalOnMissingBean(UmamiConnectionDetails.class)
	PropertiesUmamiConnectionDetails umamiConnectionDetails(UmamiProperties properties) {
		return new PropertiesUmamiConnectionDetails(properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "umami.enabled", matchIfMissing = true)
	@Import(UmamiHttpClientConfiguration.class)
	static class TrackerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		UmamiTransport umamiTransport(UmamiProperties properties, UmamiConnectionDetails connectionDetails,
				ObjectProvider<UmamiHttpClientConfigurer> httpClientConfigurer,
				ObjectProvider<UmamiWebClientCustomizer> customizers,
				ObjectProvider<ObservationRegistry> observationRegistry) {
			String hostUrl = connectionDetails.getHostUrl();
			UmamiConnectionValidator.validateHostUrl(properties, hostUrl);
			if (hostUrl == null || properties.isDryRun()) {
				logger.info((hostUrl == null)
						? "Umami runs in dry-run mode because 'umami.host-url' is not set: each event is logged"
								+ " as the JSON that would be sent, and nothing is sent"
						: "Umami runs in dry-run mode ('umami.dry-run=true'): each event is logged as the JSON"
								+ " that would be sent to " + hostUrl + ", and nothing is sent");
				return UmamiTransport.dryRun();
			}
			UmamiDeliveryOptions options = UmamiDeliveryOptionsMapper.map(properties);
			// A client of Umami's own: the application's WebClientCustomizers, filters
			// and
			// default headers stay in the application's clients
			WebClient.Builder builder = WebClient.builder();
			if (properties.getObservations().isEnabled()) {
				// Off by default: every analytics event would start a trace (umami.send
				// measures the requests)
				observationRegistry.ifAvailable(builder::observationRegistry);
			}
			WebClientUmamiTransportBuilder transport = WebClientUmamiTransport.builder(hostUrl)
				.sendPath(properties.getSendPath())
				.apiKey(connectionDetails.getApiKey())
				.connectTimeout(options.connectTimeout())
				.readTimeout(options.readTimeout())
				.webClientBuilder(builder)
				.customizers(customizers.orderedStream()::iterator);
			httpClientConfigurer.ifAvailable((configurer) -> configurer.configure(transport, options));
			return transport.build();
		}

		@Bean
		@ConditionalOnMissingBean(UmamiTracker.class)
		DefaultUmamiTracker umamiTracker(UmamiTransport transport, UmamiProperties properties,
				UmamiConnectionDetails connectionDetails, ObjectProvider<UmamiEventProcessor> processors) {
			DefaultUmamiTracker tracker = new DefaultUmamiTracker(transport,
					UmamiEventDefaultsMapper.map(properties, connectionDetails),
					UmamiDeliveryOptionsMapper.map(properties));
			tracker.setEventProcessors(processors.orderedStream().toList());
			return tracker;
		}

	}

	/**
	 * Masks the API key in the actuator's {@code configprops} and {@code env} endpoints,
	 * whatever their {@code show-values} setting.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorConfiguration {

		@Bean
		SanitizingFunction umamiApiKeySanitizingFunction() {
			return (data) -> API_KEY.equals(SEPARATORS.matcher(data.getLowerCaseKey()).replaceAll(""))
					? data.withSanitizedValue() : data;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "umami.enabled", havingValue = false)
	static class DisabledTrackerConfiguration {

		@Bean
		@ConditionalOnMissingBean(UmamiTracker.class)
		NoOpUmamiTracker umamiTracker() {
			return new NoOpUmamiTracker();
		}

	}

}
