package io.github.umamispring.transport;

import java.time.Duration;

import reactor.netty.resources.ConnectionProvider;

/**
 * Creates the Reactor Netty connection pool of Umami's client: a pool of its own, not the
 * application's global one, so that the transport can close its idle connections when it
 * stops (see {@link WebClientUmamiTransportBuilder#closeOnStop}), before the
 * application's HTTP resources are disposed.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiConnectionProviders {

	/**
	 * How long a connection may wait unused before the pool closes it instead of reusing
	 * it: below the 5 s that Node.js, which Umami runs on, keeps an idle connection open.
	 * A connection the server has just closed would fail the request written on it, with
	 * no way to know whether Umami read it.
	 */
	static final Duration MAX_IDLE_TIME = Duration.ofSeconds(4);

	private UmamiConnectionProviders() {
	}

	/**
	 * Create a connection pool for requests to Umami.
	 * @return the pool
	 */
	public static ConnectionProvider create() {
		return ConnectionProvider.builder("umami").maxIdleTime(MAX_IDLE_TIME).build();
	}

}
