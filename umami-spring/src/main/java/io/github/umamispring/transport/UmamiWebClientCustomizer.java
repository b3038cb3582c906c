package io.github.umamispring.transport;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Callback to customize the {@link WebClient.Builder} of the {@code WebClient} that sends
 * to Umami, and only that one. Beans of this type are applied in order, after the
 * starter's own settings (timeouts, header hygiene), so they may override them.
 *
 * @author umami-spring-boot contributors
 */
@FunctionalInterface
public interface UmamiWebClientCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder of Umami's {@code WebClient}
	 */
	void customize(WebClient.Builder builder);

}
