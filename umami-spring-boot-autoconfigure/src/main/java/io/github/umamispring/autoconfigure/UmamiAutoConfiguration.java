package io.github.umamispring.autoconfigure;

import java.net.URI;
import java.util.regex.Pattern;

import io.github.umamispring.NoOpUmamiTracker;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiDeliveryOptions;
import io.github.umamispring.delivery.UmamiEventDefaults;
import io.github.umamispring.transport.UmamiTransport;
import io.github.umamispring.transport.UmamiWebClientCustomizer;
import io.github.umamispring.transport.WebClientUmamiTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@link UmamiTracker}.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(afterName = { "org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.autoconfigure.web.reactive.function.client.ClientHttpConnectorAutoConfiguration",
		"org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@EnableConfigurationProperties(UmamiProperties.class)
public final class UmamiAutoConfiguration {

	private static final Log logger = LogFactory.getLog(UmamiAutoConfiguration.class);

	private static final String BATCH_PATH = "/api/batch";

	private static final String HEARTBEAT_PATH = "/api/heartbeat";

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
	static class TrackerConfiguration {

		@Bean
		@ConditionalOnMissingBean(UmamiTracker.class)
		DefaultUmamiTracker umamiTracker(UmamiProperties properties, UmamiConnectionDetails connectionDetails,
				ObjectProvider<WebClient.Builder> webClientBuilder,
				ObjectProvider<UmamiWebClientCustomizer> customizers, BeanFactory beanFactory) {
			UmamiConnectionValidator.validate(properties, connectionDetails);
			UmamiEventDefaults defaults = new UmamiEventDefaults(connectionDetails.getWebsiteId(),
					UmamiConnectionValidator.hostname(properties.getHostname()), properties.getUserAgent());
			UmamiDeliveryOptions options = deliveryOptions(properties);
			DefaultUmamiTracker tracker = new DefaultUmamiTracker(
					transport(properties, options, connectionDetails, webClientBuilder, customizers, beanFactory),
					defaults, options);
			tracker.setRefuseAdjustedEvents(properties.getOverLimit() == UmamiProperties.OverLimit.REFUSE);
			return tracker;
		}

		private UmamiDeliveryOptions deliveryOptions(UmamiProperties properties) {
			UmamiProperties.Queue queue = properties.getQueue();
			UmamiProperties.Retry retry = properties.getRetry();
			UmamiProperties.Batch batch = properties.getBatch();
			UmamiDeliveryValidator.validate(properties);
			return new UmamiDeliveryOptions(queue.getCapacity(),
					queue.getOverflow() == UmamiProperties.Queue.Overflow.DROP_OLDEST, retry.getMaxAttempts(),
					retry.getInitialBackoff(), retry.getMaxBackoff(), batch.isEnabled(), batch.getMaxSize(),
					batch.getMaxWait(), properties.getShutdownTimeout(), properties.getMaxInFlight(),
					properties.getConnectTimeout(), properties.getReadTimeout(), properties.getReadTimeoutPerEvent());
		}

		private UmamiTransport transport(UmamiProperties properties, UmamiDeliveryOptions options,
				UmamiConnectionDetails connectionDetails, ObjectProvider<WebClient.Builder> webClientBuilder,
				ObjectProvider<UmamiWebClientCustomizer> customizers, BeanFactory beanFactory) {
			String hostUrl = connectionDetails.getHostUrl();
			if (hostUrl == null || properties.isDryRun()) {
				logger.info((hostUrl == null)
						? "Umami runs in dry-run mode because 'umami.host-url' is not set: each event is logged"
								+ " as the JSON that would be sent, and nothing is sent"
						: "Umami runs in dry-run mode ('umami.dry-run=true'): each event is logged as the JSON"
								+ " that would be sent to " + hostUrl + ", and nothing is sent");
				return UmamiTransport.dryRun();
			}
			WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder).clone();
			WebClient webClient = UmamiWebClientFactory.create(builder, properties, options.longestReadTimeout(),
					customizers.orderedStream()::iterator, beanFactory);
			URI sendUri = UmamiConnectionValidator.endpoint(hostUrl, properties.getSendPath());
			// COLLECT_API_ENDPOINT renames only the send path: batch and heartbeat stay
			return new WebClientUmamiTransport(webClient, sendUri,
					UmamiConnectionValidator.endpoint(hostUrl, BATCH_PATH),
					UmamiConnectionValidator.endpoint(hostUrl, HEARTBEAT_PATH), connectionDetails.getApiKey());
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
