package io.github.umamispring.benchmarks;

import java.util.Collections;
import java.util.concurrent.TimeUnit;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.transport.UmamiBatchResponse;
import io.github.umamispring.transport.UmamiRequest;
import io.github.umamispring.transport.UmamiTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * Cost of {@link DefaultUmamiTracker#track}, the hand-off on the caller's thread:
 * <ul>
 * <li>{@code room}: the queue has room and the sender is idle (uncontended hand-off);
 * <li>{@code draining}: the sender drains the queue as fast as it can into a transport
 * that answers at once, so the caller competes with it for the queue (a full queue drops
 * some events);
 * <li>{@code full}: an outage, every event is dropped and counted.
 * </ul>
 *
 * @author umami-spring-boot contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class SubmitBenchmark {

	private static final UmamiTransport INSTANT = new UmamiTransport() {

		@Override
		public Mono<UmamiResult> send(UmamiRequest request) {
			return Mono.just(new UmamiResult.Accepted(null, null, null));
		}

		@Override
		public boolean supportsBatch() {
			return true;
		}

		@Override
		public Mono<UmamiBatchResponse> sendBatch(UmamiRequest request, int size) {
			UmamiResult accepted = new UmamiResult.Accepted(null, null, null);
			return Mono.just(UmamiBatchResponse.of(Collections.nCopies(size, accepted), null));
		}

	};

	private static final UmamiTransport NEVER = (request) -> Mono.never();

	@Param({ "room", "draining", "full" })
	public String queue;

	private DefaultUmamiTracker tracker;

	private UmamiEvent event;

	@Setup(Level.Iteration)
	public void setUp() {
		this.event = BenchmarkTrackers.event(42);
		if (this.queue.equals("room")) {
			// Room for every event of an iteration; the sender holds its first deliveries
			this.tracker = BenchmarkTrackers.tracker(NEVER, 20_000_000, false, 1);
		}
		else if (this.queue.equals("draining")) {
			this.tracker = BenchmarkTrackers.tracker(INSTANT, 10_000, true, 500);
		}
		else {
			this.tracker = BenchmarkTrackers.tracker(NEVER, 10_000, false, 1);
			for (int i = 0; i < 10_000; i++) {
				this.tracker.track(this.event);
			}
		}
	}

	@TearDown(Level.Iteration)
	public void tearDown() {
		this.tracker.destroy();
	}

	@Benchmark
	public void submit() {
		this.tracker.track(this.event);
	}

}
