package io.github.umamispring.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.json.BasicJsonParser;

/**
 * A loopback Umami with a capacity: one worker that writes the events of the requests in
 * the order they arrive, each in {@code 1 / eventsPerSecond} seconds, plus a fixed cost
 * per request, and answers a request once its events are written. Its latency is
 * therefore the work queued before a request divided by its rate, as a real Umami's
 * (which writes a batch's events one after another) grows with the work in flight. It
 * keeps time in the clock's terms and answers with a timer, so nothing sleeps.
 * <p>
 * Events count as stored when their request arrives: a client that gives up waiting does
 * not undo them, as with the real server.
 *
 * @author umami-spring-boot contributors
 */
public final class CapacityUmami implements AutoCloseable {

	private static final BasicJsonParser JSON = new BasicJsonParser();

	private final long nanosPerEvent;

	private final long nanosPerRequest;

	private final List<String> stored = new ArrayList<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	private final DisposableServer server;

	private long workerFreeAt;

	private volatile boolean unavailable;

	/**
	 * Start a model on a free loopback port.
	 * @param eventsPerSecond the events it writes per second
	 * @param costPerRequest the fixed time each request costs on top of its events
	 */
	public CapacityUmami(int eventsPerSecond, Duration costPerRequest) {
		this.nanosPerEvent = 1_000_000_000L / eventsPerSecond;
		this.nanosPerRequest = costPerRequest.toNanos();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.post("/api/send",
						(request, response) -> request.receive()
							.aggregate()
							.asString()
							.flatMap((body) -> answer(response, List.of(JSON.parseMap(body)), false)))
				.post("/api/batch",
						(request, response) -> request.receive()
							.aggregate()
							.asString()
							.flatMap((body) -> answer(response, JSON.parseList(body), true))))
			.bindNow();
	}

	@SuppressWarnings("unchecked")
	private Mono<Void> answer(HttpServerResponse response, List<Object> items, boolean batch) {
		this.requests.incrementAndGet();
		if (this.unavailable) {
			return response.status(503).sendString(Mono.just("Service Unavailable")).then();
		}
		long delay;
		synchronized (this) {
			for (Object item : items) {
				Map<String, Object> payload = (Map<String, Object>) ((Map<String, Object>) item).get("payload");
				this.stored.add(String.valueOf(payload.get("name")));
			}
			long now = System.nanoTime();
			this.workerFreeAt = Math.max(now, this.workerFreeAt) + this.nanosPerRequest
					+ items.size() * this.nanosPerEvent;
			delay = this.workerFreeAt - now;
		}
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		String body = batch
				? "{\"size\":" + items.size() + ",\"processed\":" + items.size() + ",\"errors\":0,\"details\":[]}"
				: UmamiFixture.load("send-event-accepted").responseBody();
		return Mono.delay(Duration.ofNanos(delay))
			.then(response.header("Content-Type", "application/json").sendString(Mono.just(body)).then())
			.doFinally((signal) -> this.inFlight.decrementAndGet());
	}

	/**
	 * Answer every request with 503 at once, storing nothing, or stop doing so.
	 * @param unavailable whether Umami is unavailable
	 */
	public void setUnavailable(boolean unavailable) {
		this.unavailable = unavailable;
	}

	/**
	 * Return the names of the events stored, in the order they arrived.
	 * @return the names
	 */
	public synchronized List<String> stored() {
		return new ArrayList<>(this.stored);
	}

	/**
	 * Return the number of requests received, answered or not.
	 * @return the requests
	 */
	public int requests() {
		return this.requests.get();
	}

	/**
	 * Return the most requests that were in flight at once, waiting for their events to
	 * be written.
	 * @return the most requests in flight
	 */
	public int maxInFlight() {
		return this.maxInFlight.get();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
