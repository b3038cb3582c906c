package io.github.umamispring.test.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.umamispring.test.server.UmamiAnswers.Answer;
import io.github.umamispring.test.server.UmamiAnswers.Body;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for an Umami 3.1.0 server on the loopback interface, for tests of
 * applications that send events to Umami. It answers {@code POST /api/send},
 * {@code POST /api/batch} and {@code GET /api/heartbeat} as Umami 3.1.0 does, with
 * responses recorded from a real server; records every request and event it receives; and
 * can be told to fail.
 * <p>
 * Point {@code umami.host-url} and {@code umami.website-id} at it and assert on the JSON
 * the application sent: <pre class="code">
 * static final MockUmamiServer umami = MockUmamiServer.start();
 *
 * &#64;DynamicPropertySource
 * static void umamiProperties(DynamicPropertyRegistry registry) {
 *     registry.add("umami.host-url", umami::getHostUrl);
 *     registry.add("umami.website-id", umami::getWebsiteId);
 * }
 *
 * &#64;Test
 * void tracksSignup() {
 *     // ... call the application
 *     ReceivedEvent event = umami.awaitEvents(1, Duration.ofSeconds(5)).get(0);
 *     assertThat(event.name()).isEqualTo("signup");
 *     assertThat(event.data()).containsEntry("plan", "pro");
 * }
 * </pre>
 * <p>
 * How it answers:
 * <ul>
 * <li>an event of a known website ({@link #getWebsiteId()}, or one added with
 * {@link #addWebsite(String)}) is accepted with {@code 200} and
 * {@code {"cache":...,"sessionId":...,"visitId":...}}, the cache token and ids fixed per
 * visitor: the payload's {@code ip} and User-Agent;</li>
 * <li>an event whose User-Agent (the payload's {@code userAgent}, else the header) looks
 * like a bot gets {@code 200 {"beep":"boop"}}: an agent containing {@code bot},
 * {@code crawl}, {@code spider}, {@code curl}, {@code wget}, {@code java},
 * {@code reactornetty}, {@code okhttp}, {@code python}, {@code go-http-client},
 * {@code axios}, {@code node-fetch} or {@code headless}, in any case. An empty agent is
 * not a bot, as in Umami;</li>
 * <li>a body that is not JSON, a missing or unknown {@code type}, a missing or malformed
 * {@code website}, a field that is not a string or longer than Umami allows ({@code name}
 * and {@code tag} 50, {@code hostname} 100, {@code language} 35, {@code screen} 11) get
 * Umami's {@code 400} validation answer; an unknown website gets
 * {@code 400 Website not found.};</li>
 * <li>a data value longer than 500 characters gets the {@code 500} Umami 3.1.0 answers
 * after it stored the event;</li>
 * <li>{@code /api/batch} answers each item as {@code /api/send} would, in
 * {@code {"size":...,"processed":...,"errors":...,"details":[...],"cache":...}}; a body
 * that is not an array gets {@code 400};</li>
 * <li>{@code /api/heartbeat} answers {@code {"ok":true}}; other paths {@code 404}, other
 * methods {@code 405}.</li>
 * </ul>
 * Failures, which apply to every request until {@link #reset()}, in this order:
 * {@link #stall()}, {@link #delay(Duration)}, {@link #respondWith(int, String)}; and
 * {@link #refuseConnections()}.
 * <p>
 * Safe for use by several threads. Uses the JDK's HTTP server and no other library.
 *
 * @author umami-spring-boot contributors
 */
public final class MockUmamiServer implements AutoCloseable {

	/**
	 * Id of the website the server knows from the start.
	 */
	public static final String WEBSITE_ID = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private static final String SEND_PATH = "/api/send";

	private static final String BATCH_PATH = "/api/batch";

	private static final String HEARTBEAT_PATH = "/api/heartbeat";

	private final Object monitor = new Object();

	private final List<ReceivedRequest> requests = new ArrayList<>();

	private final List<ReceivedEvent> events = new ArrayList<>();

	private final Set<String> websites = ConcurrentHashMap.newKeySet();

	private final UmamiAnswers answers = new UmamiAnswers(this.websites);

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "mock-umami-server");
		thread.setDaemon(true);
		return thread;
	});

	private final CountDownLatch closed = new CountDownLatch(1);

	private final int port;

	private @Nullable HttpServer server;

	private volatile @Nullable CountDownLatch stall;

	private volatile Duration delay = Duration.ZERO;

	private volatile @Nullable CannedAnswer cannedAnswer;

	private MockUmamiServer() {
		this.websites.add(WEBSITE_ID);
		this.server = bind(0);
		this.port = this.server.getAddress().getPort();
	}

	/**
	 * Start a server on {@code 127.0.0.1} and a free port.
	 * @return the running server
	 * @throws UncheckedIOException if the server cannot listen
	 */
	public static MockUmamiServer start() {
		return new MockUmamiServer();
	}

	/**
	 * Return the base URL of the server, for {@code umami.host-url}.
	 * @return the URL, such as {@code http://127.0.0.1:41234}
	 */
	public String getHostUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Return the port the server listens on, the same for its whole life.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Return the id of the website the server knows from the start, for
	 * {@code umami.website-id}.
	 * @return {@value #WEBSITE_ID}
	 */
	public String getWebsiteId() {
		return WEBSITE_ID;
	}

	/**
	 * Make the server know another website, whose events it then accepts instead of
	 * answering {@code Website not found.}.
	 * @param websiteId the website's id, a UUID
	 * @return this server
	 */
	public MockUmamiServer addWebsite(String websiteId) {
		if (websiteId == null || websiteId.isBlank()) {
			throw new IllegalArgumentException("'websiteId' must not be empty");
		}
		this.websites.add(websiteId.toLowerCase(Locale.ROOT));
		return this;
	}

	/**
	 * Return every request received so far, in order of arrival.
	 * @return the requests
	 */
	public List<ReceivedRequest> requests() {
		synchronized (this.monitor) {
			return List.copyOf(this.requests);
		}
	}

	/**
	 * Return the requests received so far for a path, in order of arrival.
	 * @param path the path, without query, such as {@code /api/send}
	 * @return the requests
	 */
	public List<ReceivedRequest> requests(String path) {
		return requests().stream().filter((request) -> request.path().equals(path)).toList();
	}

	/**
	 * Return every event received so far, in order of arrival: the body of each request
	 * to {@code /api/send} and each item of each request to {@code /api/batch}, whatever
	 * the server answered, as long as it is a JSON object with a {@code payload} object.
	 * @return the events
	 */
	public List<ReceivedEvent> events() {
		synchronized (this.monitor) {
			return List.copyOf(this.events);
		}
	}

	/**
	 * Wait until at least the given number of requests have been received.
	 * @param count the number of requests to wait for
	 * @param timeout how long to wait at most
	 * @return every request received so far, at least {@code count}
	 * @throws AssertionError if fewer requests were received in time, listing those that
	 * were
	 */
	public List<ReceivedRequest> awaitRequests(int count, Duration timeout) {
		return await(this.requests, count, timeout, "requests");
	}

	/**
	 * Wait until at least the given number of events have been received, counting each
	 * item of a batch.
	 * @param count the number of events to wait for
	 * @param timeout how long to wait at most
	 * @return every event received so far, at least {@code count}
	 * @throws AssertionError if fewer events were received in time, listing those that
	 * were
	 */
	public List<ReceivedEvent> awaitEvents(int count, Duration timeout) {
		return await(this.events, count, timeout, "events");
	}

	/**
	 * Forget the requests and events received so far.
	 */
	public void clear() {
		synchronized (this.monitor) {
			this.requests.clear();
			this.events.clear();
		}
	}

	/**
	 * Return the cache token the server gave a visitor in its last accepted event.
	 * @param ip the visitor's IP address, as in the payload, or {@code null} if the
	 * payload had none
	 * @param userAgent the visitor's User-Agent: the payload's {@code userAgent}, else
	 * the {@code User-Agent} header
	 * @return the token, or {@code null} if no event of that visitor was accepted
	 */
	public @Nullable String cacheTokenFor(@Nullable String ip, @Nullable String userAgent) {
		return this.answers.cacheToken(ip, userAgent);
	}

	/**
	 * Stop listening, closing open connections, so that connecting fails with "connection
	 * refused" until {@link #acceptConnections()} or {@link #reset()}.
	 */
	public void refuseConnections() {
		synchronized (this.monitor) {
			HttpServer server = this.server;
			if (server != null) {
				server.stop(0);
				this.server = null;
			}
		}
	}

	/**
	 * Listen again, on the same port, after {@link #refuseConnections()}. Does nothing if
	 * the server listens.
	 * @throws IllegalStateException if the server was closed
	 * @throws UncheckedIOException if the port is no longer free
	 */
	public void acceptConnections() {
		synchronized (this.monitor) {
			if (this.closed.getCount() == 0) {
				throw new IllegalStateException("The mock Umami server is closed");
			}
			if (this.server == null) {
				this.server = bind(this.port);
			}
		}
	}

	/**
	 * Answer every request with the given status and body instead of Umami's answer,
	 * until {@link #reset()}.
	 * @param status the HTTP status
	 * @param body the body; sent as {@code application/json} if it starts with
	 * <code>{</code> or {@code [}, as {@code text/plain} otherwise
	 */
	public void respondWith(int status, String body) {
		this.cannedAnswer = new CannedAnswer(status, body, -1);
	}

	/**
	 * Answer the next requests with the given status and body instead of Umami's answer,
	 * then answer as Umami again.
	 * @param status the HTTP status
	 * @param body the body; sent as {@code application/json} if it starts with
	 * <code>{</code> or {@code [}, as {@code text/plain} otherwise
	 * @param times how many requests to answer so
	 */
	public void respondWith(int status, String body, int times) {
		if (times < 1) {
			throw new IllegalArgumentException("'times' must be positive");
		}
		this.cannedAnswer = new CannedAnswer(status, body, times);
	}

	/**
	 * Wait the given time before answering each request, until {@link #reset()}.
	 * @param delay the delay; zero to answer at once
	 */
	public void delay(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("'delay' must not be negative");
		}
		this.delay = delay;
	}

	/**
	 * Accept and record requests but never answer them, until {@link #reset()}, which
	 * closes their connections without an answer.
	 */
	public void stall() {
		synchronized (this.monitor) {
			if (this.stall == null) {
				this.stall = new CountDownLatch(1);
			}
		}
	}

	/**
	 * Answer as Umami again: undo {@link #stall()}, {@link #delay(Duration)},
	 * {@link #respondWith(int, String)} and {@link #refuseConnections()}. Keeps the
	 * received requests; {@link #clear()} forgets them.
	 */
	public void reset() {
		synchronized (this.monitor) {
			this.cannedAnswer = null;
			this.delay = Duration.ZERO;
			release();
		}
		acceptConnections();
	}

	/**
	 * Stop the server and close open connections.
	 */
	@Override
	public void close() {
		synchronized (this.monitor) {
			this.closed.countDown();
			release();
		}
		refuseConnections();
		this.executor.shutdownNow();
	}

	@Override
	public String toString() {
		return "MockUmamiServer[" + getHostUrl() + "]";
	}

	private void release() {
		CountDownLatch stall = this.stall;
		this.stall = null;
		if (stall != null) {
			stall.countDown();
		}
	}

	private HttpServer bind(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
			server.createContext("/", this::handle);
			server.setExecutor(this.executor);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not listen on 127.0.0.1:" + port, ex);
		}
	}

	private void handle(HttpExchange exchange) {
		Instant receivedAt = Instant.now();
		try {
			String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			URI uri = exchange.getRequestURI();
			ReceivedRequest request = new ReceivedRequest(exchange.getRequestMethod(), uri.getRawPath(),
					uri.getRawQuery(), exchange.getRequestHeaders(), text, receivedAt);
			Body body = Body.read(text);
			// Read before recording: a test that saw the request may reset at once
			CountDownLatch stall = this.stall;
			record(request, body);
			if (stall != null) {
				stall.await();
				return;
			}
			Duration delay = this.delay;
			if (!delay.isZero() && this.closed.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
				return;
			}
			CannedAnswer canned = this.cannedAnswer;
			Answer answer = (canned != null) ? canned.take() : null;
			respond(exchange, (answer != null) ? answer : answer(request, body));
		}
		catch (RuntimeException ex) {
			// A bug of this server: say so rather than leave the client guessing
			respondQuietly(exchange, new Answer(500, "MockUmamiServer failed: " + ex));
		}
		catch (IOException ex) {
			// The client went away
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			exchange.close();
		}
	}

	private void record(ReceivedRequest request, Body body) {
		List<ReceivedEvent> received = new ArrayList<>();
		if ("POST".equals(request.method())) {
			if (request.path().equals(SEND_PATH)) {
				addEvent(received, request, body.value());
			}
			else if (request.path().equals(BATCH_PATH) && body.value() instanceof List<?> items) {
				items.forEach((item) -> addEvent(received, request, item));
			}
		}
		synchronized (this.monitor) {
			this.requests.add(request);
			this.events.addAll(received);
			this.monitor.notifyAll();
		}
	}

	private static void addEvent(List<ReceivedEvent> events, ReceivedRequest request, @Nullable Object item) {
		if (item instanceof JsonObject event && event.get("payload") instanceof JsonObject payload) {
			events.add(new ReceivedEvent(request, event, payload));
		}
	}

	private Answer answer(ReceivedRequest request, Body body) {
		String method = request.method();
		return switch (request.path()) {
			case SEND_PATH ->
				"POST".equals(method) ? this.answers.send(body, request.header("User-Agent")) : methodNotAllowed();
			case BATCH_PATH ->
				"POST".equals(method) ? this.answers.batch(body, request.header("User-Agent")) : methodNotAllowed();
			case HEARTBEAT_PATH -> "GET".equals(method) ? this.answers.heartbeat() : methodNotAllowed();
			default -> new Answer(404, "Not Found");
		};
	}

	private static Answer methodNotAllowed() {
		return new Answer(405, "");
	}

	private static void respond(HttpExchange exchange, Answer answer) throws IOException {
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		String trimmed = answer.body().strip();
		exchange.getResponseHeaders()
			.set("Content-Type", (trimmed.startsWith("{") || trimmed.startsWith("[")) ? "application/json"
					: "text/plain;charset=utf-8");
		exchange.sendResponseHeaders(answer.status(), (body.length > 0) ? body.length : -1);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static void respondQuietly(HttpExchange exchange, Answer answer) {
		try {
			respond(exchange, answer);
		}
		catch (IOException | RuntimeException ex) {
			// The client went away, or the answer was under way
		}
	}

	private <T> List<T> await(List<T> received, int count, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (received.size() < count) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					throw new AssertionError(describe(received, count, timeout, what));
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted while waiting for " + count + " " + what, ex);
				}
			}
			return List.copyOf(received);
		}
	}

	private static <T> String describe(List<T> received, int count, Duration timeout, String what) {
		String expected = "Expected at least " + count + " " + what + " within " + timeout + ", but received ";
		if (received.isEmpty()) {
			return expected + "none";
		}
		return expected + received.size() + ":\n"
				+ received.stream().map((element) -> "  " + element).collect(Collectors.joining("\n"));
	}

	/**
	 * An answer given instead of Umami's, to every request or a number of them.
	 */
	private static final class CannedAnswer {

		private final Answer answer;

		private final @Nullable AtomicInteger remaining;

		CannedAnswer(int status, String body, int times) {
			this.answer = new Answer(status, body);
			this.remaining = (times > 0) ? new AtomicInteger(times) : null;
		}

		@Nullable Answer take() {
			if (this.remaining == null) {
				return this.answer;
			}
			return (this.remaining.getAndDecrement() > 0) ? this.answer : null;
		}

	}

}
