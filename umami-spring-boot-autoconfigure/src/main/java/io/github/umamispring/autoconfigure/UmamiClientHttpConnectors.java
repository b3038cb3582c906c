package io.github.umamispring.autoconfigure;

import io.github.umamispring.delivery.UmamiDeliveryOptions;
import io.github.umamispring.transport.UmamiConnectionProviders;
import io.github.umamispring.transport.WebClientUmamiTransportBuilder;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.util.ClassUtils;

/**
 * {@link UmamiHttpClientConfigurer} of Spring Boot 4: builds the connector with Boot's
 * {@link ClientHttpConnectorBuilder} bean and {@link HttpClientSettings}, so that the
 * application's {@code spring.http.clients.*} settings (connector, SSL bundle, redirects)
 * and {@code ClientHttpConnectorBuilderCustomizer} beans apply to Umami too, with Umami's
 * timeouts instead of the global ones. On Reactor Netty the client gets a connection pool
 * of its own, which the transport closes when it stops, and asks for answers
 * uncompressed.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiClientHttpConnectors implements UmamiHttpClientConfigurer {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			UmamiClientHttpConnectors.class.getClassLoader());

	private final ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder;

	private final ObjectProvider<HttpClientSettings> settings;

	UmamiClientHttpConnectors(ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> settings) {
		this.connectorBuilder = connectorBuilder;
		this.settings = settings;
	}

	/**
	 * Only Reactor Netty's response timeout can be raised for one request (a batch, a
	 * request sent behind others): other clients get the longest read timeout a request
	 * can have, and the tracker bounds each request itself.
	 */
	@Override
	public void configure(WebClientUmamiTransportBuilder transport, UmamiDeliveryOptions options) {
		ClientHttpConnectorBuilder<?> builder = this.connectorBuilder
			.getIfAvailable(ClientHttpConnectorBuilder::detect);
		HttpClientSettings settings = this.settings.getIfAvailable(HttpClientSettings::defaults);
		boolean reactorNetty = REACTOR_NETTY_PRESENT && builder instanceof ReactorClientHttpConnectorBuilder;
		if (reactorNetty) {
			builder = ReactorNetty.withOwnPool((ReactorClientHttpConnectorBuilder) builder, transport);
		}
		transport.clientConnector(builder.build(settings.withTimeouts(options.connectTimeout(),
				reactorNetty ? options.readTimeout() : options.longestReadTimeout())));
	}

	/**
	 * Kept apart so that Reactor Netty is only loaded when present.
	 */
	private static final class ReactorNetty {

		static ReactorClientHttpConnectorBuilder withOwnPool(ReactorClientHttpConnectorBuilder builder,
				WebClientUmamiTransportBuilder transport) {
			ConnectionProvider pool = UmamiConnectionProviders.create();
			transport.closeOnStop(pool);
			return builder.withHttpClientFactory(() -> HttpClient.create(pool))
				.withHttpClientCustomizer(ReactorNetty::withoutCompression);
		}

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
