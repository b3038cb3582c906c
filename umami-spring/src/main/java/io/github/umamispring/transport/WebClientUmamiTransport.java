package io.github.umamispring.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.umamispring.UmamiResult;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link UmamiTransport} that posts to Umami's collection endpoint with a
 * {@link WebClient} of its own, built with {@link #builder(String)}. Sends exactly
 * {@code Content-Type}, {@code User-Agent} and, when set, {@code x-umami-cache} and
 * {@code x-umami-api-key}, whatever the client's builder adds. On Reactor Netty, a
 * request's {@link UmamiRequest#readTimeout() read timeout} replaces the client's
 * response timeout for that request; other clients keep their own.
 *
 * @author umami-spring-boot contributors
 */
public final class WebClientUmamiTransport implements UmamiTransport {

	/**
	 * Header carrying a visitor's cache token.
	 */
	public static final String CACHE_HEADER = "x-umami-cache";

	/**
	 * Header carrying the configured API key.
	 */
	public static final String API_KEY_HEADER = "x-umami-api-key";

	private final WebClient webClient;

	private final URI sendUri;

	private final URI batchUri;

	private final URI heartbeatUri;

	private final @Nullable String apiKey;

	private final Duration heartbeatTimeout;

	private final Map<String, Object> heartbeatDetails;

	private final UmamiResponseParser responseParser = new UmamiResponseParser();

	private WebClientUmamiTransport(Builder builder, WebClient webClient) {
		this.webClient = webClient;
		this.sendUri = endpoint(builder.hostUrl, builder.sendPath);
		// COLLECT_API_ENDPOINT renames only the send path: batch and heartbeat stay
		this.batchUri = endpoint(builder.hostUrl, "/api/batch");
		this.heartbeatUri = endpoint(builder.hostUrl, "/api/heartbeat");
		this.apiKey = builder.apiKey;
		this.heartbeatTimeout = builder.connectTimeout.plus(builder.readTimeout);
		this.heartbeatDetails = Map.of("host", withoutUserInfo(builder.hostUrl));
	}

	/**
	 * Return a builder of a transport to the given Umami server.
	 * @param hostUrl the base URL of the Umami server, such as
	 * {@code https://cloud.umami.is} or {@code https://analytics.example.com/umami}
	 * @return a builder
	 */
	public static Builder builder(String hostUrl) {
		return new Builder(hostUrl);
	}

	@Override
	public Mono<UmamiResult> send(UmamiRequest request) {
		return post(this.sendUri, request)
			.exchangeToMono((response) -> bodyOf(response)
				.map((body) -> this.responseParser.parse(response.statusCode().value(), body,
						response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER))))
			.onErrorResume((ex) -> Mono.just(new UmamiResult.Failed(ex)));
	}

	@Override
	public boolean supportsBatch() {
		return true;
	}

	@Override
	public Mono<UmamiBatchResponse> sendBatch(UmamiRequest request, int size) {
		return post(this.batchUri, request)
			.exchangeToMono((response) -> bodyOf(response)
				.map((body) -> this.responseParser.parseBatch(response.statusCode().value(), body,
						response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), size)))
			.onErrorResume((ex) -> Mono.just(UmamiBatchResponse.failed(new UmamiResult.Failed(ex))));
	}

	/**
	 * Call Umami's heartbeat endpoint, within the connect and read timeouts, when the
	 * returned {@code Mono} is subscribed to.
	 * @return what the heartbeat said
	 */
	@Override
	public Mono<UmamiHeartbeat> heartbeat() {
		return this.webClient.get().uri(this.heartbeatUri).headers((headers) -> {
			if (this.apiKey != null) {
				headers.set(API_KEY_HEADER, this.apiKey);
			}
		})
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.timeout(this.heartbeatTimeout)
			.map(this::heartbeat)
			.onErrorResume(
					(ex) -> Mono.just(new UmamiHeartbeat(UmamiHeartbeat.Status.DOWN, this.heartbeatDetails, ex)));
	}

	private UmamiHeartbeat heartbeat(int status) {
		if (status >= 200 && status < 300) {
			return new UmamiHeartbeat(UmamiHeartbeat.Status.UP, this.heartbeatDetails, null);
		}
		Map<String, Object> details = new LinkedHashMap<>(this.heartbeatDetails);
		details.put("status", status);
		return new UmamiHeartbeat(UmamiHeartbeat.Status.DOWN, details, null);
	}

	private WebClient.RequestHeadersSpec<?> post(URI uri, UmamiRequest request) {
		WebClient.RequestBodySpec spec = this.webClient.post()
			.uri(uri)
			.headers((headers) -> applyHeaders(headers, request));
		Duration readTimeout = request.readTimeout();
		if (readTimeout != null) {
			spec = spec.httpRequest(ClientConnectors.responseTimeout(readTimeout));
		}
		// Bytes, not a String: a JSON codec would quote a String body a second time
		return spec.bodyValue(request.body().getBytes(StandardCharsets.UTF_8));
	}

	private void applyHeaders(HttpHeaders headers, UmamiRequest request) {
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.set(HttpHeaders.USER_AGENT, request.userAgent());
		if (request.cacheToken() != null) {
			headers.set(CACHE_HEADER, request.cacheToken());
		}
		if (this.apiKey != null) {
			headers.set(API_KEY_HEADER, this.apiKey);
		}
	}

	private Mono<String> bodyOf(ClientResponse response) {
		// The String decoder reads the charset of the Content-Type, UTF-8 by default
		return response.bodyToMono(String.class).defaultIfEmpty("");
	}

	private static URI endpoint(String hostUrl, String path) {
		String base = hostUrl.endsWith("/") ? hostUrl.substring(0, hostUrl.length() - 1) : hostUrl;
		return URI.create(base + path);
	}

	private static String withoutUserInfo(String hostUrl) {
		URI uri = URI.create(hostUrl);
		if (uri.getUserInfo() == null) {
			return hostUrl;
		}
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

	/**
	 * Builds a {@link WebClientUmamiTransport}.
	 */
	public static final class Builder {

		private final String hostUrl;

		private String sendPath = "/api/send";

		private @Nullable String apiKey;

		private Duration connectTimeout = Duration.ofSeconds(2);

		private Duration readTimeout = Duration.ofSeconds(5);

		private WebClient.@Nullable Builder webClientBuilder;

		private @Nullable ClientHttpConnector clientConnector;

		private Iterable<UmamiWebClientCustomizer> customizers = List.of();

		private Builder(String hostUrl) {
			Assert.hasText(hostUrl, "'hostUrl' must not be empty");
			URI uri = URI.create(hostUrl);
			Assert.isTrue(uri.isAbsolute() && uri.getHost() != null,
					() -> "'hostUrl' must be an absolute URL with a host, not " + withoutUserInfo(hostUrl));
			this.hostUrl = hostUrl;
		}

		/**
		 * Set the path of Umami's collection endpoint, relative to the host URL: change
		 * it when the server sets {@code COLLECT_API_ENDPOINT}.
		 * @param sendPath the path, by default {@code /api/send}
		 * @return this builder
		 */
		public Builder sendPath(String sendPath) {
			Assert.isTrue(sendPath != null && sendPath.startsWith("/"), "'sendPath' must start with '/'");
			this.sendPath = sendPath;
			return this;
		}

		/**
		 * Set the API key sent as {@code x-umami-api-key} with every request.
		 * @param apiKey the API key, or {@code null} to send none
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = StringUtils.hasText(apiKey) ? apiKey : null;
			return this;
		}

		/**
		 * Set the time a request may take to connect, for the default connector; the
		 * heartbeat waits for it plus the read timeout, whatever the connector.
		 * @param connectTimeout the connect timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			Assert.isTrue(connectTimeout != null && connectTimeout.toMillis() > 0, "'connectTimeout' must be positive");
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set the time Umami may take to answer a request that sets no read timeout of
		 * its own, with the default connector on Reactor Netty. Without Reactor Netty,
		 * the default connector (the JDK's client) sets no response timeout: the tracker
		 * bounds each of its requests itself, and the heartbeat is bounded here.
		 * @param readTimeout the read timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			Assert.isTrue(readTimeout != null && readTimeout.toMillis() > 0, "'readTimeout' must be positive");
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Set the builder of the client, such as a clone of the application's. The
		 * transport sets its connector and a filter that keeps only Umami's headers.
		 * @param webClientBuilder the builder, by default {@link WebClient#builder()}
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			Assert.notNull(webClientBuilder, "'webClientBuilder' must not be null");
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/**
		 * Set the connector of the client.
		 * @param clientConnector the connector, or {@code null} for the default: Reactor
		 * Netty when present, else the JDK's client, with the connect and read timeouts
		 * @return this builder
		 */
		public Builder clientConnector(@Nullable ClientHttpConnector clientConnector) {
			this.clientConnector = clientConnector;
			return this;
		}

		/**
		 * Set the customizers applied, in order, after the transport's own settings, so
		 * that they may override them.
		 * @param customizers the customizers
		 * @return this builder
		 */
		public Builder customizers(Iterable<UmamiWebClientCustomizer> customizers) {
			Assert.notNull(customizers, "'customizers' must not be null");
			this.customizers = customizers;
			return this;
		}

		public WebClientUmamiTransport build() {
			WebClient.Builder builder = (this.webClientBuilder != null) ? this.webClientBuilder : WebClient.builder();
			builder
				.clientConnector((this.clientConnector != null) ? this.clientConnector
						: ClientConnectors.create(this.connectTimeout, this.readTimeout))
				// Last of the builder's filters: whatever they or default headers added
				// (Authorization, cookies, trace ids) stays inside the application
				.filter(new UmamiHeadersFilter());
			this.customizers.forEach((customizer) -> customizer.customize(builder));
			return new WebClientUmamiTransport(this, builder.build());
		}

	}

}
