package io.github.umamispring.test.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * The socket of a {@link MockUmamiServer}: a JDK HTTP server on {@code 127.0.0.1} that
 * can stop listening and listen again on the same port.
 *
 * @author umami-spring-boot contributors
 */
final class Listener {

	private final Object monitor = new Object();

	private final HttpHandler handler;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "mock-umami-server");
		thread.setDaemon(true);
		return thread;
	});

	private final int port;

	private @Nullable HttpServer server;

	private boolean closed;

	/**
	 * Listen on a free port.
	 * @param handler the handler of every exchange
	 * @throws UncheckedIOException if the server cannot listen
	 */
	Listener(HttpHandler handler) {
		this.handler = handler;
		this.server = bind(0);
		this.port = this.server.getAddress().getPort();
	}

	/**
	 * Return the port, the same for the listener's whole life.
	 * @return the port
	 */
	int port() {
		return this.port;
	}

	/**
	 * Stop listening, closing open connections.
	 */
	void refuseConnections() {
		synchronized (this.monitor) {
			HttpServer server = this.server;
			if (server != null) {
				server.stop(0);
				this.server = null;
			}
		}
	}

	/**
	 * Listen again, on the same port. Does nothing if listening.
	 * @throws IllegalStateException if the listener was closed
	 * @throws UncheckedIOException if the port is no longer free
	 */
	void acceptConnections() {
		synchronized (this.monitor) {
			if (this.closed) {
				throw new IllegalStateException("The mock Umami server is closed");
			}
			if (this.server == null) {
				this.server = bind(this.port);
			}
		}
	}

	/**
	 * Stop listening for good, closing open connections and interrupting the exchanges
	 * under way.
	 */
	void close() {
		synchronized (this.monitor) {
			this.closed = true;
		}
		refuseConnections();
		this.executor.shutdownNow();
	}

	private HttpServer bind(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
			server.createContext("/", this.handler);
			server.setExecutor(this.executor);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not listen on 127.0.0.1:" + port, ex);
		}
	}

}
