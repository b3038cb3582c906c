package io.github.umamispring.transport;

import java.time.Duration;
import java.util.function.Consumer;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * The connector {@link WebClientUmamiTransport} builds when it is given none, and the
 * response timeout of one request: Reactor Netty when present, else the JDK's client.
 *
 * @author umami-spring-boot contributors
 */
final class ClientConnectors {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils
		.isPresent("reactor.netty.http.client.HttpClientRequest", ClientConnectors.class.getClassLoader());

	private ClientConnectors() {
	}

	/**
	 * Create a connector with the given timeouts. Only Reactor Netty gets the read
	 * timeout: the JDK's client can not change it for one request (a batch, a request
	 * sent behind others), so the tracker bounds each of its requests itself.
	 */
	static ClientHttpConnector create(Duration connectTimeout, Duration readTimeout) {
		if (REACTOR_NETTY_PRESENT) {
			return ReactorNetty.connector(connectTimeout, readTimeout);
		}
		return new JdkClientHttpConnector(java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout).build());
	}

	/**
	 * Return what replaces the client's response timeout for one request, on Reactor
	 * Netty; other clients keep their own.
	 */
	static Consumer<ClientHttpRequest> responseTimeout(Duration timeout) {
		return REACTOR_NETTY_PRESENT ? ReactorNetty.responseTimeout(timeout) : (request) -> {
		};
	}

	/**
	 * Kept apart so that Reactor Netty is only loaded when present.
	 */
	private static final class ReactorNetty {

		static ClientHttpConnector connector(Duration connectTimeout, Duration readTimeout) {
			HttpClient client = HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()))
				.responseTimeout(readTimeout);
			return new ReactorClientHttpConnector(client);
		}

		static Consumer<ClientHttpRequest> responseTimeout(Duration timeout) {
			return (request) -> {
				if (request.getNativeRequest() instanceof HttpClientRequest reactorRequest) {
					reactorRequest.responseTimeout(timeout);
				}
			};
		}

	}

}
