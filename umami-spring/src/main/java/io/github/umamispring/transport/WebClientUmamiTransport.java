package io.github.umamispring.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.umamispring.UmamiResult;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link UmamiTransport} that posts to Umami's collection endpoint with a
 * {@link WebClient} of its own, built with {@link #builder(String)}. Sends
 * {@code Content-Type}, {@code User-Agent} and, when set, {@code x-umami-cache} and
 * {@code x-umami-api-key}, plus what the {@link UmamiWebClientCustomizer}s add, but never
 * a header Umami would read a visitor's address from. On Reactor Netty, a request's
 * {@link UmamiRequest#readTimeout() read timeout} replaces the client's response timeout
 * for that request; other clients keep their own.
 * <p>
 * As a {@link SmartLifecycle} it stops right after the tracker delivered what was queued
 * ({@value #PHASE}), and closes the client's resources (see
 * {@link WebClientUmamiTransportBuilder#closeOnStop(Disposable)}), such as the connection
 * pool of its own that it uses on Reactor Netty: no idle connection to Umami is left for
 * the application's event loops to close when they stop, which a shutdown quiet period of
 * zero can leave unclosed forever. It keeps working after a restart: the pool opens new
 * connections.
 *
 * @author umami-spring-boot contributors
 */
public final class WebClientUmamiTransport implements UmamiTransport, SmartLifecycle {

	/**
	 * Lifecycle phase: stops after the tracker (phase
	 * {@code SmartLifecycle.DEFAULT_PHASE - 1536}) delivered what was queued, and before
	 * Spring's Reactor resources (phase {@code 0}).
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	/**
	 * Longest wait for the client's resources to close at stop.
	 */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

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

	private final List<Disposable> closeOnStop;

	/**
	 * Whether the connector is Reactor Netty's, whose response timeout a request can
	 * replace. Other clients are never asked for their native request: building the JDK
	 * client's changes when its own timeout fires.
	 */
	private final boolean reactorNetty;

	private volatile boolean running;

	WebClientUmamiTransport(WebClientUmamiTransportBuilder builder, WebClient webClient) {
		this.closeOnStop = List.copyOf(builder.closeOnStop);
		this.reactorNetty = ClientConnectors.isReactorNetty(builder.clientConnector);
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
	public static WebClientUmamiTransportBuilder builder(String hostUrl) {
		return new WebClientUmamiTransportBuilder(hostUrl);
	}

	/**
	 * Return Umami's host URL, without any user information it has.
	 * @return the host URL, as shown by health checks
	 */
	public String getHost() {
		return (String) this.heartbeatDetails.get("host");
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

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.closeOnStop.forEach((resource) -> ClientConnectors.close(resource, CLOSE_TIMEOUT));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private WebClient.RequestHeadersSpec<?> post(URI uri, UmamiRequest request) {
		WebClient.RequestBodySpec spec = this.webClient.post()
			.uri(uri)
			.headers((headers) -> applyHeaders(headers, request));
		Duration readTimeout = request.readTimeout();
		if (readTimeout != null && this.reactorNetty) {
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

	static String withoutUserInfo(String hostUrl) {
		URI uri = URI.create(hostUrl);
		if (uri.getUserInfo() == null) {
			return hostUrl;
		}
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

}
