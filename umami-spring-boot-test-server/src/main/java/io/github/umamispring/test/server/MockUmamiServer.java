package io.github.umamispring.test.server;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

	private final Set<String> websites = ConcurrentHashMap.newKeySet();

	private final UmamiAnswers answers = new UmamiAnswers(this.websites);

	private final Recorder recorder = new Recorder();

	private final Failures failures = new Failures();

	private final Listener listener;

	private MockUmamiServer() {
		this.websites.add(WEBSITE_ID);
		this.listener = new Listener(new UmamiHandler(this.recorder, this.failures, this.answers));
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
		return "http://127.0.0.1:" + getPort();
	}

	/**
	 * Return the port the server listens on, the same for its whole life.
	 * @return the port
	 */
	public int getPort() {
		return this.listener.port();
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
		return this.recorder.requests();
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
		return this.recorder.events();
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
		return this.recorder.awaitRequests(count, timeout);
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
		return this.recorder.awaitEvents(count, timeout);
	}

	/**
	 * Forget the requests and events received so far.
	 */
	public void clear() {
		this.recorder.clear();
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
		this.listener.refuseConnections();
	}

	/**
	 * Listen again, on the same port, after {@link #refuseConnections()}. Does nothing if
	 * the server listens.
	 * @throws IllegalStateException if the server was closed
	 * @throws UncheckedIOException if the port is no longer free
	 */
	public void acceptConnections() {
		this.listener.acceptConnections();
	}

	/**
	 * Answer every request received from now on with the given status and body instead of
	 * Umami's answer, until {@link #reset()}. Earlier requests are answered as before.
	 * @param status the HTTP status
	 * @param body the body; sent as {@code application/json} if it starts with
	 * <code>{</code> or {@code [}, as {@code text/plain} otherwise
	 */
	public void respondWith(int status, String body) {
		this.failures.respondWith(status, body, -1);
	}

	/**
	 * Answer the next requests received with the given status and body instead of Umami's
	 * answer, then answer as Umami again. Earlier requests are answered as before.
	 * @param status the HTTP status
	 * @param body the body; sent as {@code application/json} if it starts with
	 * <code>{</code> or {@code [}, as {@code text/plain} otherwise
	 * @param times how many requests to answer so
	 */
	public void respondWith(int status, String body, int times) {
		if (times < 1) {
			throw new IllegalArgumentException("'times' must be positive");
		}
		this.failures.respondWith(status, body, times);
	}

	/**
	 * Wait the given time before answering each request, until {@link #reset()}, which
	 * answers the waiting ones at once.
	 * @param delay the delay; zero to answer at once
	 */
	public void delay(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("'delay' must not be negative");
		}
		this.failures.delay(delay);
	}

	/**
	 * Accept and record requests but never answer them, until {@link #reset()}, which
	 * closes their connections without an answer.
	 */
	public void stall() {
		this.failures.stall();
	}

	/**
	 * Answer as Umami again: undo {@link #stall()}, {@link #delay(Duration)},
	 * {@link #respondWith(int, String)} and {@link #refuseConnections()}. Keeps the
	 * received requests; {@link #clear()} forgets them.
	 */
	public void reset() {
		this.failures.reset();
		this.listener.acceptConnections();
	}

	/**
	 * Stop the server and close open connections.
	 */
	@Override
	public void close() {
		this.failures.close();
		this.listener.close();
	}

	@Override
	public String toString() {
		return "MockUmamiServer[" + getHostUrl() + "]";
	}

}
