package io.github.umamispring.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A gateway on the loopback interface in front of an Umami (a {@code MockUmamiServer}),
 * that misbehaves as nginx, a CDN or a rate limiter does: it forwards each request,
 * unless a fault planned for the request's path says otherwise. Faults are used in the
 * order they were planned, one per request.
 */
public final class LoopbackGateway implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final URI upstream;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();

	private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

	private LoopbackGateway(String upstreamUrl) throws IOException {
		this.upstream = URI.create(upstreamUrl.endsWith("/") ? upstreamUrl : upstreamUrl + "/");
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Start a gateway in front of the given server.
	 * @param upstreamUrl the base URL of the server
	 * @return the gateway
	 */
	public static LoopbackGateway start(String upstreamUrl) {
		try {
			return new LoopbackGateway(upstreamUrl);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String getUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Answer the next {@code times} requests to the path with the status, after
	 * forwarding them: the server stored their events, the client learns nothing of it (a
	 * gateway that gave up waiting, 504).
	 * @param path the request path, such as {@code /api/send}
	 * @param status the status to answer
	 * @param times how many requests
	 * @return this gateway
	 */
	public LoopbackGateway answerAfterForwarding(String path, int status, int times) {
		return plan(path, status, null, true, times);
	}

	/**
	 * Answer the next {@code times} requests to the path with the status, without
	 * forwarding them (a gateway that could not reach the server, 502, or a rate limiter,
	 * 429).
	 * @param path the request path
	 * @param status the status to answer
	 * @param retryAfter the {@code Retry-After} header to send, or {@code null}
	 * @param times how many requests
	 * @return this gateway
	 */
	public LoopbackGateway answerWithoutForwarding(String path, int status, String retryAfter, int times) {
		return plan(path, status, retryAfter, false, times);
	}

	/**
	 * Return every exchange so far, in the order answered.
	 * @return the exchanges
	 */
	public List<Exchange> exchanges() {
		return List.copyOf(this.exchanges);
	}

	/**
	 * Return the exchanges matching a condition.
	 * @param condition the condition
	 * @return the exchanges
	 */
	public List<Exchange> exchanges(Predicate<Exchange> condition) {
		return this.exchanges.stream().filter(condition).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private LoopbackGateway plan(String path, int status, String retryAfter, boolean forward, int times) {
		for (int i = 0; i < times; i++) {
			this.faults.add(new Fault(path, status, retryAfter, forward));
		}
		return this;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			byte[] body = read(exchange.getRequestBody());
			Fault fault = nextFault(path);
			int status;
			String answer;
			String retryAfter = null;
			if (fault == null || fault.forward()) {
				HttpResponse<String> response = forward(exchange, path, body);
				status = (fault != null) ? fault.status() : response.statusCode();
				answer = (fault != null) ? "{\"error\":\"Gateway Timeout\"}" : response.body();
			}
			else {
				status = fault.status();
				answer = "{\"error\":\"gateway answer " + status + "\"}";
				retryAfter = fault.retryAfter();
			}
			this.exchanges.add(new Exchange(path, new String(body, StandardCharsets.UTF_8),
					Map.copyOf(exchange.getRequestHeaders()), status, fault != null && !fault.forward()));
			if (retryAfter != null) {
				exchange.getResponseHeaders().add("Retry-After", retryAfter);
			}
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private synchronized Fault nextFault(String path) {
		for (Fault fault : this.faults) {
			if (fault.path().equals(path)) {
				this.faults.remove(fault);
				return fault;
			}
		}
		return null;
	}

	private HttpResponse<String> forward(HttpExchange exchange, String path, byte[] body) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.upstream.resolve(path.substring(1)))
			.timeout(TIMEOUT)
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("User-Agent")
					|| name.toLowerCase().startsWith("x-umami")) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static byte[] read(InputStream in) throws IOException {
		try (in) {
			return in.readAllBytes();
		}
	}

	private record Fault(String path, int status, String retryAfter, boolean forward) {

	}

	/**
	 * A request the gateway answered.
	 *
	 * @param path the request path
	 * @param body the request body
	 * @param headers the request headers
	 * @param status the status answered
	 * @param blocked whether the request was kept from the server
	 */
	public record Exchange(String path, String body, Map<String, List<String>> headers, int status, boolean blocked) {

	}

}
