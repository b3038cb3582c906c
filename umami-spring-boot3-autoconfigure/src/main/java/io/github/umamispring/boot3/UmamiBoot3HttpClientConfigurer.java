package io.github.umamispring.boot3;

import io.github.umamispring.autoconfigure.UmamiHttpClientConfigurer;
import io.github.umamispring.delivery.UmamiDeliveryOptions;
import io.github.umamispring.transport.UmamiConnectionProviders;
import io.github.umamispring.transport.WebClientUmamiTransportBuilder;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorSettings;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.util.ClassUtils;

/**
 * {@link UmamiHttpClientConfigurer} of Spring Boot 3.5: builds the connector with Boot's
 * {@link ClientHttpConnectorBuilder} bean and {@link ClientHttpConnectorSettings}, so
 * that the application's {@code spring.http.reactiveclient.*} settings (connector, SSL
 * bundle, redirects) and {@code ClientHttpConnectorBuilderCustomizer} beans apply to
 * Umami too, with Umami's timeouts instead of the global ones. On Reactor Netty the
 * client gets a connection pool of its own, which the transport closes when it stops, and
 * asks for answers uncompressed, as on Boot 4.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiBoot3HttpClientConfigurer implements UmamiHttpClientConfigurer {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			UmamiBoot3HttpClientConfigurer.class.getClassLoader());

	private final ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder;

	private final ObjectProvider<ClientHttpConnectorSettings> settings;

	UmamiBoot3HttpClientConfigurer(ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<ClientHttpConnectorSettings> settings) {
		this.connectorBuilder = connectorBuilder;
		this.settings = settings;
	}

	@Override
	public void configure(WebClientUmamiTransportBuilder transport, UmamiDeliveryOptions options) {
		ClientHttpConnectorBuilder<?> builder = this.connectorBuilder
			.getIfAvailable(ClientHttpConnectorBuilder::detect);
		ClientHttpConnectorSettings settings = this.settings.getIfAvailable(ClientHttpConnectorSettings::defaults);
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
				.withHttpClientCustomizer((client) -> client.compress(false));
		}

	}

}
