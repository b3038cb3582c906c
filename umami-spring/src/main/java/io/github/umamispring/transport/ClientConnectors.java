package io.github.umamispring.transport;

import java.time.Duration;
import java.util.function.Consumer;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * The connector {@link WebClientUmamiTransport} builds when it is given none, the
 * response timeout of one request, and the closing of the client's resources: Reactor
 * Netty when present, else the JDK's client.
 *
 * @author umami-spring-boot contributors
 */
final class ClientConnectors {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils
		.isPresent("reactor.netty.http.client.HttpClientRequest", ClientConnectors.class.getClassLoader());

	private ClientConnectors() {
	}

	/**
	 * Configure the default connector with the given timeouts: Reactor Netty, on a
	 * connection pool of its own that the transport closes when it stops, else the JDK's
	 * client. Only Reactor Netty gets the read timeout: the JDK's client can not change
	 * it for one request (a batch, a request sent behind others), so the tracker bounds
	 * each of its requests itself.
	 */
	static void configure(WebClientUmamiTransportBuilder builder, Duration connectTimeout, Duration readTimeout) {
		if (REACTOR_NETTY_PRESENT) {
			ReactorNetty.configure(builder, connectTimeout, readTimeout);
		}
		else {
			builder.clientConnector(new JdkClientHttpConnector(
					java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout).build()));
		}
	}

	/**
	 * Close a resource of the client: wait for a connection pool to close its
	 * connections, so that none is left for the application's event loops to close when
	 * they stop.
	 */
	static void close(Disposable resource, Duration timeout) {
		if (REACTOR_NETTY_PRESENT && ReactorNetty.isConnectionProvider(resource)) {
			ReactorNetty.close(resource, timeout);
		}
		else {
			resource.dispose();
		}
	}

	/**
	 * Whether the connector is Reactor Netty's, whose response timeout a request can
	 * replace.
	 */
	static boolean isReactorNetty(@Nullable ClientHttpConnector connector) {
		return REACTOR_NETTY_PRESENT && connector instanceof ReactorClientHttpConnector;
	}

	/**
	 * Return what replaces Reactor Netty's response timeout for one request.
	 */
	static Consumer<ClientHttpRequest> responseTimeout(Duration timeout) {
		return ReactorNetty.responseTimeout(timeout);
	}

	/**
	 * Kept apart so that Reactor Netty is only loaded when present.
	 */
	private static final class ReactorNetty {

		static void configure(WebClientUmamiTransportBuilder builder, Duration connectTimeout, Duration readTimeout) {
			ConnectionProvider pool = UmamiConnectionProviders.create();
			HttpClient client = HttpClient.create(pool)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()))
				.responseTimeout(readTimeout);
			builder.clientConnector(new ReactorClientHttpConnector(client)).closeOnStop(pool);
		}

		static boolean isConnectionProvider(Disposable resource) {
			return resource instanceof ConnectionProvider;
		}

		static void close(Disposable resource, Duration timeout) {
			((ConnectionProvider) resource).disposeLater().block(timeout);
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
