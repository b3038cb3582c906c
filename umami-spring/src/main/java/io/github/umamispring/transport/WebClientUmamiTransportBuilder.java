package io.github.umamispring.transport;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds a {@link WebClientUmamiTransport} (see
 * {@link WebClientUmamiTransport#builder(String)}).
 *
 * @author umami-spring-boot contributors
 */
public final class WebClientUmamiTransportBuilder {

	final String hostUrl;

	String sendPath = "/api/send";

	@Nullable String apiKey;

	Duration connectTimeout = Duration.ofSeconds(2);

	Duration readTimeout = Duration.ofSeconds(5);

	WebClient.@Nullable Builder webClientBuilder;

	@Nullable ClientHttpConnector clientConnector;

	Iterable<UmamiWebClientCustomizer> customizers = List.of();

	final List<Disposable> closeOnStop = new ArrayList<>();

	WebClientUmamiTransportBuilder(String hostUrl) {
		Assert.hasText(hostUrl, "'hostUrl' must not be empty");
		URI uri = URI.create(hostUrl);
		Assert.isTrue(uri.isAbsolute() && uri.getHost() != null,
				() -> "'hostUrl' must be an absolute URL with a host, not "
						+ WebClientUmamiTransport.withoutUserInfo(hostUrl));
		this.hostUrl = hostUrl;
	}

	/**
	 * Set the path of Umami's collection endpoint, relative to the host URL: change it
	 * when the server sets {@code COLLECT_API_ENDPOINT}.
	 * @param sendPath the path, by default {@code /api/send}
	 * @return this builder
	 */
	public WebClientUmamiTransportBuilder sendPath(String sendPath) {
		Assert.isTrue(sendPath != null && sendPath.startsWith("/"), "'sendPath' must start with '/'");
		this.sendPath = sendPath;
		return this;
	}

	/**
	 * Set the API key sent as {@code x-umami-api-key} with every request.
	 * @param apiKey the API key, or {@code null} to send none
	 * @return this builder
	 */
	public WebClientUmamiTransportBuilder apiKey(@Nullable String apiKey) {
		this.apiKey = StringUtils.hasText(apiKey) ? apiKey : null;
		return this;
	}

	/**
	 * Set the time a request may take to connect, for the default connector; the
	 * heartbeat waits for it plus the read timeout, whatever the connector.
	 * @param connectTimeout the connect timeout
	 * @return this builder
	 */
	public WebClientUmamiTransportBuilder connectTimeout(Duration connectTimeout) {
		Assert.isTrue(connectTimeout != null && connectTimeout.toMillis() > 0, "'connectTimeout' must be positive");
		this.connectTimeout = connectTimeout;
		return this;
	}

	/**
	 * Set the time Umami may take to answer a request that sets no read timeout of its
	 * own, with the default connector on Reactor Netty. Without Reactor Netty, the
	 * default connector (the JDK's client) sets no response timeout: the tracker bounds
	 * each of its requests itself, and the heartbeat is bounded here.
	 * @param readTimeout the read timeout
	 * @return this builder
	 */
	public WebClientUmamiTransportBuilder readTimeout(Duration readTimeout) {
		Assert.isTrue(readTimeout != null && readTimeout.toMillis() > 0, "'readTimeout' must be positive");
		this.readTimeout = readTimeout;
		return this;
	}

	/**
	 * Set the builder of the client. The transport sets its connector and a filter that
	 * keeps the headers Umami reads a visitor's address from out of its requests.
	 * @param webClientBuilder the builder, by default {@link WebClient#builder()}: not
	 * the application's, whose filters and default headers are the application's own
	 * @return this builder
	 */
	public WebClientUmamiTransportBuilder webClientBuilder(WebClient.Builder webClientBuilder) {
		Assert.notNull(webClientBuilder, "'webClientBuilder' must not be null");
		this.webClientBuilder = webClientBuilder;
		return this;
	}

	/**
	 * Set the connector of the client.
	 * @param clientConnector the connector, or {@code null} for the default: Reactor
	 * Netty on a connection pool of its own, when present, else the JDK's client, with
	 * the connect and read timeouts
	 * @return this builder
	 */
	public WebClientUmamiTransportBuilder clientConnector(@Nullable ClientHttpConnector clientConnector) {
		this.clientConnector = clientConnector;
		return this;
	}

	/**
	 * Add a resource of the client that the transport closes when it stops, such as a
	 * connection pool of Umami's own ({@link UmamiConnectionProviders#create()}) under
	 * the connector: a pool is given time to close its connections.
	 * @param resource the resource
	 * @return this builder
	 */
	public WebClientUmamiTransportBuilder closeOnStop(Disposable resource) {
		Assert.notNull(resource, "'resource' must not be null");
		this.closeOnStop.add(resource);
		return this;
	}

	/**
	 * Set the customizers applied, in order, after the transport's own settings, so that
	 * they may override them.
	 * @param customizers the customizers
	 * @return this builder
	 */
	public WebClientUmamiTransportBuilder customizers(Iterable<UmamiWebClientCustomizer> customizers) {
		Assert.notNull(customizers, "'customizers' must not be null");
		this.customizers = customizers;
		return this;
	}

	public WebClientUmamiTransport build() {
		WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder : WebClient.builder();
		if (this.clientConnector == null) {
			ClientConnectors.configure(this, this.connectTimeout, this.readTimeout);
		}
		builder.clientConnector(this.clientConnector);
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		// The last filter, nearest the connector: whatever added them, no address
		// header leaves
		builder.filter(new UmamiHeadersFilter());
		return new WebClientUmamiTransport(this, builder.build());
	}

}
