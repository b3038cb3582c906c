package io.github.umamispring.autoconfigure;

import io.github.umamispring.delivery.UmamiDeliveryOptions;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * Builds the connector of Umami's {@code WebClient} with Spring Boot 4's HTTP client
 * support, so that the application's {@code spring.http.clients.*} settings (connector,
 * SSL bundle, redirects) and {@code ClientHttpConnectorBuilderCustomizer} beans (a proxy,
 * say) apply to Umami too; Umami's timeouts replace the global ones. Elsewhere (Boot 3.5)
 * the transport builds its own connector.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiClientHttpConnectors {

	/**
	 * Whether Spring Boot 4's HTTP client settings are there. Boot 3.5 has classes of the
	 * same names but another shape (no {@code HttpClientSettings.defaults()}).
	 */
	private static final boolean BOOT_HTTP_CLIENT_PRESENT = isBoot4HttpClientPresent();

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			UmamiClientHttpConnectors.class.getClassLoader());

	private UmamiClientHttpConnectors() {
	}

	/**
	 * Build the connector with Boot's HTTP client support. Only Reactor Netty's response
	 * timeout can be raised for one request (a batch, a request sent behind others):
	 * other clients get the longest read timeout a request can have, and the tracker
	 * bounds each request itself.
	 * @param beanFactory where Boot's connector builder and settings are
	 * @param options the timeouts
	 * @return the connector, or {@code null} for the transport's own
	 */
	static @Nullable ClientHttpConnector connector(BeanFactory beanFactory, UmamiDeliveryOptions options) {
		return BOOT_HTTP_CLIENT_PRESENT ? BootHttpClient.connector(beanFactory, options) : null;
	}

	private static boolean isBoot4HttpClientPresent() {
		ClassLoader classLoader = UmamiClientHttpConnectors.class.getClassLoader();
		String settings = "org.springframework.boot.http.client.HttpClientSettings";
		return ClassUtils.isPresent("org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder",
				classLoader) && ClassUtils.isPresent(settings, classLoader)
				&& ClassUtils.hasMethod(ClassUtils.resolveClassName(settings, classLoader), "defaults");
	}

	/**
	 * Kept apart so that Boot 4's HTTP client support is only loaded when present.
	 */
	private static final class BootHttpClient {

		@SuppressWarnings("unchecked")
		static ClientHttpConnector connector(BeanFactory beanFactory, UmamiDeliveryOptions options) {
			ClientHttpConnectorBuilder<?> builder = beanFactory.getBeanProvider(ClientHttpConnectorBuilder.class)
				.getIfAvailable(ClientHttpConnectorBuilder::detect);
			HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
				.getIfAvailable(HttpClientSettings::defaults);
			boolean reactorNetty = REACTOR_NETTY_PRESENT && builder instanceof ReactorClientHttpConnectorBuilder;
			if (reactorNetty) {
				builder = ((ReactorClientHttpConnectorBuilder) builder)
					.withHttpClientCustomizer(ReactorNetty::withoutCompression);
			}
			return builder.build(settings.withTimeouts(options.connectTimeout(),
					reactorNetty ? options.readTimeout() : options.longestReadTimeout()));
		}

	}

	/**
	 * Kept apart so that Reactor Netty is only loaded when present.
	 */
	private static final class ReactorNetty {

		/**
		 * Ask for answers as they are, not compressed, as Boot's HTTP clients do by
		 * default: Umami answers a few hundred bytes, which compression does not shrink,
		 * and a decompressor would handle every answer.
		 */
		static HttpClient withoutCompression(HttpClient client) {
			return client.compress(false);
		}

	}

}
