package io.github.umamispring.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.transport.UmamiTransport;
import io.github.umamispring.transport.WebClientUmamiTransport;
import io.netty.channel.ChannelOption;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.HttpComponentsClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.JettyClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection failures, which are safe to retry, recognised on every connector an
 * application can give WebClient (and Spring Boot can pick with
 * {@code spring.http.clients.reactive.connector}): Reactor Netty, the JDK's client, Jetty
 * and Apache HttpComponents 5. Each against a closed port (connection refused) and a
 * blackholed one (a listener whose backlog is full: the connect times out).
 */
class UmamiConnectFailuresIntegrationTests {

	private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("connectors")
	void recognisesAConnectionRefused(String name, Supplier<ClientHttpConnector> connector) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		assertConnectFailure(send(connector.get(), port));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("connectors")
	void recognisesAConnectTimeout(String name, Supplier<ClientHttpConnector> connector) throws IOException {
		assertConnectFailure(send(connector.get(), blackholedPort()));
	}

	private static void assertConnectFailure(UmamiResult result) {
		assertThat(result).isInstanceOfSatisfying(UmamiResult.Failed.class,
				(failed) -> assertThat(UmamiRetryPolicy.isConnectFailure(failed.cause()))
					.as("a connect failure: %s caused by %s", failed.cause(), failed.cause().getCause())
					.isTrue());
	}

	private UmamiResult send(ClientHttpConnector connector, int port) {
		UmamiTransport transport = WebClientUmamiTransport.builder("http://127.0.0.1:" + port)
			.clientConnector(connector)
			.build();
		DefaultUmamiTracker tracker = new DefaultUmamiTracker(transport, new UmamiEventDefaults(
				"51499dbe-116f-42b4-9a2e-dfcfc230677f", null, "Mozilla/5.0 (X11; Linux x86_64)"));
		return tracker.send(UmamiEvent.event("refused").build()).block(TIMEOUT);
	}

	/**
	 * Return the port of a listener that accepts nothing and whose backlog is full, so
	 * that a connection attempt gets no answer: the kernel drops its SYN.
	 */
	private int blackholedPort() throws IOException {
		ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.resources.add(listener);
		for (int i = 0; i < 64; i++) {
			Socket socket = new Socket();
			this.resources.add(socket);
			try {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 200);
			}
			catch (SocketTimeoutException ex) {
				return listener.getLocalPort();
			}
		}
		throw new IllegalStateException("Could not fill the backlog of a listener");
	}

	static Stream<Arguments> connectors() {
		return Stream.of(
				Arguments.of("Reactor Netty",
						(Supplier<ClientHttpConnector>) () -> new ReactorClientHttpConnector(HttpClient.create()
							.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis()))),
				Arguments.of("JDK",
						(Supplier<ClientHttpConnector>) () -> new JdkClientHttpConnector(
								java.net.http.HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build())),
				Arguments.of("Jetty", (Supplier<ClientHttpConnector>) UmamiConnectFailuresIntegrationTests::jetty),
				Arguments.of("Apache HttpComponents",
						(Supplier<ClientHttpConnector>) UmamiConnectFailuresIntegrationTests::httpComponents));
	}

	private static ClientHttpConnector jetty() {
		org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();
		client.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
		return new JettyClientHttpConnector(client);
	}

	private static ClientHttpConnector httpComponents() {
		CloseableHttpAsyncClient client = HttpAsyncClients.custom()
			.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(CONNECT_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
					.build())
				.build())
			.build();
		return new HttpComponentsClientHttpConnector(client);
	}

}
