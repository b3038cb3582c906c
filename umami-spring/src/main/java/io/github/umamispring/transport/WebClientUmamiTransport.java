package io.github.umamispring.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import io.github.umamispring.UmamiResult;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link UmamiTransport} that posts to Umami's collection endpoint with a
 * {@link WebClient}. Sends exactly {@code Content-Type}, {@code User-Agent} and, when
 * set, {@code x-umami-cache} and {@code x-umami-api-key}. On Reactor Netty, a request's
 * {@link UmamiRequest#readTimeout() read timeout} replaces the client's response timeout
 * for that request; other clients keep their own.
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

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils
		.isPresent("reactor.netty.http.client.HttpClientRequest", WebClientUmamiTransport.class.getClassLoader());

	private final UmamiResponseParser responseParser = new UmamiResponseParser();

	/**
	 * Create a transport.
	 * @param webClient the client, with its timeouts set
	 * @param sendUri the absolute URI of the collection endpoint
	 * @param batchUri the absolute URI of the batch endpoint
	 * @param heartbeatUri the absolute URI of the heartbeat endpoint
	 * @param apiKey the value of {@code x-umami-api-key}, or {@code null} to send none
	 */
	public WebClientUmamiTransport(WebClient webClient, URI sendUri, URI batchUri, URI heartbeatUri,
			@Nullable String apiKey) {
		Assert.notNull(webClient, "'webClient' must not be null");
		Assert.isTrue(sendUri.isAbsolute(), "'sendUri' must be absolute");
		Assert.isTrue(batchUri.isAbsolute(), "'batchUri' must be absolute");
		Assert.isTrue(heartbeatUri.isAbsolute(), "'heartbeatUri' must be absolute");
		this.webClient = webClient;
		this.sendUri = sendUri;
		this.batchUri = batchUri;
		this.heartbeatUri = heartbeatUri;
		this.apiKey = StringUtils.hasText(apiKey) ? apiKey : null;
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
	 * Call Umami's heartbeat endpoint when the returned {@code Mono} is subscribed to.
	 * @return the HTTP status of the answer; an error signal when there was none
	 */
	@Override
	public Mono<Integer> heartbeat() {
		return this.webClient.get().uri(this.heartbeatUri).headers((headers) -> {
			if (this.apiKey != null) {
				headers.set(API_KEY_HEADER, this.apiKey);
			}
		}).exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
	}

	private WebClient.RequestHeadersSpec<?> post(URI uri, UmamiRequest request) {
		WebClient.RequestBodySpec spec = this.webClient.post()
			.uri(uri)
			.headers((headers) -> applyHeaders(headers, request));
		Duration readTimeout = request.readTimeout();
		if (readTimeout != null && REACTOR_NETTY_PRESENT) {
			spec = spec.httpRequest(ReactorNetty.responseTimeout(readTimeout));
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

	/**
	 * Kept apart so that Reactor Netty is only loaded when present.
	 */
	private static final class ReactorNetty {

		static Consumer<ClientHttpRequest> responseTimeout(Duration timeout) {
			return (request) -> {
				Object nativeRequest = request.getNativeRequest();
				if (nativeRequest instanceof HttpClientRequest reactorRequest) {
					reactorRequest.responseTimeout(timeout);
				}
			};
		}

	}

}
