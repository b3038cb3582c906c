package io.github.umamispring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A stand-in for Umami on the loopback interface: answers {@code /api/send} and
 * {@code /api/batch} as Umami 3.1.0 does, and counts the events it received. It answers
 * at once, or after a fixed delay per request (standing for a real Umami's database
 * write) without blocking its event loop.
 *
 * @author umami-spring-boot contributors
 */
final class LoopbackUmami implements AutoCloseable {

	private static final String ACCEPTED = "{\"cache\":\"eyJhbGciOiJIUzI1NiJ9.eyJ3ZWJzaXRlSWQiOiJ4In0.c2ln\","
			+ "\"sessionId\":\"632c6aff-d117-5271-9377-9bb83e4add00\",\"visitId\":\"19c58eea-cff2-5a87-8aa8-d57e9794eae5\"}";

	private static final byte[] TYPE = "{\"type\":".getBytes(StandardCharsets.UTF_8);

	private final AtomicLong events = new AtomicLong();

	private final Duration delay;

	private final DisposableServer server;

	/**
	 * Start a server that answers each request after the given delay.
	 * @param delay the delay of every answer; zero to answer at once
	 */
	LoopbackUmami(Duration delay) {
		this.delay = delay;
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.post("/api/send", (request, response) -> request.receive().aggregate().then(Mono.defer(() -> {
					this.events.incrementAndGet();
					return answer(
							response.header("Content-Type", "application/json").sendString(Mono.just(ACCEPTED)).then());
				})))
				.post("/api/batch", (request, response) -> request.receive().aggregate().flatMap((body) -> {
					int size = countItems(body);
					this.events.addAndGet(size);
					return answer(response.header("Content-Type", "application/json")
						.sendString(Mono
							.just("{\"size\":" + size + ",\"processed\":" + size + ",\"errors\":0,\"details\":[]}"))
						.then());
				})))
			.bindNow();
	}

	/**
	 * Send the answer at once, or after the delay: {@code Mono.delay} runs on a timer, so
	 * the event loop keeps serving other requests meanwhile.
	 */
	private Mono<Void> answer(Mono<Void> send) {
		return this.delay.isZero() ? send : Mono.delay(this.delay).then(send);
	}

	private static int countItems(ByteBuf body) {
		int count = 0;
		int end = body.writerIndex() - TYPE.length;
		outer: for (int i = body.readerIndex(); i <= end; i++) {
			for (int j = 0; j < TYPE.length; j++) {
				if (body.getByte(i + j) != TYPE[j]) {
					continue outer;
				}
			}
			count++;
		}
		return count;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	long events() {
		return this.events.get();
	}

	void reset() {
		this.events.set(0);
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
