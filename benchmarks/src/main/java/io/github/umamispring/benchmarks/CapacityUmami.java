package io.github.umamispring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A loopback Umami with a capacity: one worker that writes the events of the requests in
 * the order they arrive, at a fixed rate, plus a fixed cost per request, and answers a
 * request once its events are written. Its latency is therefore the work queued before a
 * request divided by its rate, as a real Umami's grows with the work in flight (it writes
 * a batch's events one after another). It keeps time in the clock's terms and answers
 * with a timer, so its event loop never blocks. It can slow down by a factor for a while.
 * <p>
 * Events count as stored when their request arrives, whether or not the client waits for
 * the answer, as with the real server. Each event carries its number as data {@code n}
 * (see {@link BenchmarkTrackers#numberedEvent(int)}), so the model counts duplicates.
 *
 * @author umami-spring-boot contributors
 */
final class CapacityUmami implements AutoCloseable {

	private static final byte[] TYPE = "{\"type\":".getBytes(StandardCharsets.UTF_8);

	private static final byte[] NUMBER = "\"n\":".getBytes(StandardCharsets.UTF_8);

	private static final String SEND_ANSWER = "{\"cache\":\"eyJhbGciOiJIUzI1NiJ9.eyJ3ZWJzaXRlSWQiOiJ4In0.c2ln\","
			+ "\"sessionId\":\"632c6aff-d117-5271-9377-9bb83e4add00\",\"visitId\":\"19c58eea-cff2-5a87-8aa8-d57e9794eae5\"}";

	private final int eventsPerSecond;

	private final long nanosPerEvent;

	private final long nanosPerRequest;

	private final BitSet seen = new BitSet();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final DisposableServer server;

	private long workerFreeAt;

	private long stored;

	private long duplicates;

	private long requests;

	private long slowFrom = Long.MAX_VALUE;

	private long slowUntil = Long.MAX_VALUE;

	private double slowSpeed = 1;

	/**
	 * Start a model on a free loopback port.
	 * @param eventsPerSecond the events it writes per second
	 * @param costPerRequest the fixed time each request costs on top of its events
	 */
	CapacityUmami(int eventsPerSecond, Duration costPerRequest) {
		this.eventsPerSecond = eventsPerSecond;
		this.nanosPerEvent = 1_000_000_000L / eventsPerSecond;
		this.nanosPerRequest = costPerRequest.toNanos();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.post("/api/send", (request,
						response) -> request.receive().aggregate().flatMap((body) -> answer(response, body, false)))
				.post("/api/batch", (request,
						response) -> request.receive().aggregate().flatMap((body) -> answer(response, body, true))))
			.bindNow();
	}

	private Mono<Void> answer(HttpServerResponse response, ByteBuf body, boolean batch) {
		int size = count(body, TYPE);
		long now = System.nanoTime();
		long delay;
		synchronized (this) {
			this.requests++;
			this.stored += size;
			for (int from = body.readerIndex(); (from = find(body, NUMBER, from)) >= 0;) {
				int number = 0;
				for (from += NUMBER.length; Character.isDigit(body.getByte(from)); from++) {
					number = number * 10 + (body.getByte(from) - '0');
				}
				if (this.seen.get(number)) {
					this.duplicates++;
				}
				this.seen.set(number);
			}
			this.workerFreeAt = finish(Math.max(now, this.workerFreeAt),
					this.nanosPerRequest + size * this.nanosPerEvent);
			delay = this.workerFreeAt - now;
		}
		this.inFlight.incrementAndGet();
		String answer = batch ? "{\"size\":" + size + ",\"processed\":" + size + ",\"errors\":0,\"details\":[]}"
				: SEND_ANSWER;
		return Mono.delay(Duration.ofNanos(delay))
			.then(response.header("Content-Type", "application/json").sendString(Mono.just(answer)).then())
			.doFinally((signal) -> this.inFlight.decrementAndGet());
	}

	/**
	 * Return when work started at the given time ends, the worker writing slower while it
	 * is slowed down.
	 */
	private long finish(long start, long work) {
		long time = start;
		double left = work;
		while (true) {
			boolean slow = time >= this.slowFrom && time < this.slowUntil;
			double speed = slow ? this.slowSpeed : 1;
			long boundary = slow ? this.slowUntil : ((time < this.slowFrom) ? this.slowFrom : Long.MAX_VALUE);
			if (boundary == Long.MAX_VALUE || left <= (boundary - time) * speed) {
				return time + (long) Math.ceil(left / speed);
			}
			left -= (boundary - time) * speed;
			time = boundary;
		}
	}

	/**
	 * Write events {@code factor} times slower for the given time, from now on.
	 * @param factor how many times slower
	 * @param length how long
	 */
	synchronized void slowDown(int factor, Duration length) {
		this.slowFrom = System.nanoTime();
		this.slowUntil = this.slowFrom + length.toNanos();
		this.slowSpeed = 1.0 / factor;
	}

	/**
	 * Return the number of events written per second by requests of the given size, the
	 * fixed cost of each request included.
	 * @param size the events per request
	 * @return the capacity in events per second
	 */
	double capacity(int size) {
		return size / ((this.nanosPerRequest + size * (double) this.nanosPerEvent) / 1e9);
	}

	int eventsPerSecond() {
		return this.eventsPerSecond;
	}

	synchronized long stored() {
		return this.stored;
	}

	synchronized long distinct() {
		return this.seen.cardinality();
	}

	synchronized long duplicates() {
		return this.duplicates;
	}

	synchronized long requests() {
		return this.requests;
	}

	int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Return the time the worker needs to write what it has been sent.
	 * @return the backlog, zero when idle
	 */
	synchronized Duration backlog() {
		return Duration.ofNanos(Math.max(0, this.workerFreeAt - System.nanoTime()));
	}

	/**
	 * Forget what was stored, once the worker is idle.
	 */
	synchronized void reset() {
		this.seen.clear();
		this.stored = 0;
		this.duplicates = 0;
		this.requests = 0;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private static int count(ByteBuf body, byte[] token) {
		int count = 0;
		for (int from = body.readerIndex(); (from = find(body, token, from)) >= 0; from += token.length) {
			count++;
		}
		return count;
	}

	private static int find(ByteBuf body, byte[] token, int from) {
		int end = body.writerIndex() - token.length;
		outer: for (int i = from; i <= end; i++) {
			for (int j = 0; j < token.length; j++) {
				if (body.getByte(i + j) != token[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
