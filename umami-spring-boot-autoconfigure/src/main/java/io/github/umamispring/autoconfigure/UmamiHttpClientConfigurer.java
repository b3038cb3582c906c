package io.github.umamispring.autoconfigure;

import io.github.umamispring.delivery.UmamiDeliveryOptions;
import io.github.umamispring.transport.WebClientUmamiTransportBuilder;

/**
 * Applies the HTTP client support of the application's Spring Boot line to Umami's
 * transport: the connector chosen by Boot's settings, SSL bundles, redirects and
 * connector customizers (a proxy, say), with Umami's timeouts. One per Boot line,
 * registered by the starter's own modules (Boot 4's in this module, Boot 3.5's in
 * {@code umami-spring-boot3-autoconfigure}); without one the transport builds its own
 * connector. Not meant for applications: customize Umami's client with a
 * {@link io.github.umamispring.transport.UmamiWebClientCustomizer}.
 *
 * @author umami-spring-boot contributors
 */
@FunctionalInterface
public interface UmamiHttpClientConfigurer {

	/**
	 * Set the connector (and the resources to close with it) of Umami's transport.
	 * @param transport the builder of the transport
	 * @param options the timeouts
	 */
	void configure(WebClientUmamiTransportBuilder transport, UmamiDeliveryOptions options);

}
