package io.github.umamispring.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.delivery.BenchmarkRequests;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.transport.UmamiTransport;
import reactor.core.publisher.Mono;

/**
 * The tracker's own work per event without batching, with no HTTP at all: a transport
 * answers every request from memory, on one of two threads of its own, as the event loops
 * answer a real transport's requests. Side by side in each round, the same requests from
 * one thread holding 16 permits (the shape of the tracker's sender thread, as
 * {@code LoadHarness} measures it over HTTP) and the tracker. What separates the two is
 * the tracker's own work: queue, limit, bound, cache tokens, results. Both write the same
 * request bodies. Reports, per contender, the CPU time of the whole process and the bytes
 * allocated by all its threads, per event: figures a loopback run is too noisy to show.
 * <p>
 * Arguments: the number of events per round (default 200000) and of rounds (default 10);
 * the figures are the medians of the second half of the rounds, the first half warming
 * up.
 *
 * @author umami-spring-boot contributors
 */
public final class OwnWorkHarness {

	private static final int IN_FLIGHT = 16;

	private static final UmamiResult ACCEPTED = new UmamiResult.Accepted("7b5a1d2e", "c4f0e9a3",
			"eyJhbGciOiJIUzI1NiJ9.eyJ3ZWJzaXRlSWQiOiJ4In0.c2ln");

	private static final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private OwnWorkHarness() {
	}

	public static void main(String[] args) throws Exception {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		UmamiEvent[] events = new UmamiEvent[count];
		for (int i = 0; i < count; i++) {
			events[i] = BenchmarkTrackers.event(i);
		}
		ExecutorService[] answerers = { Executors.newSingleThreadExecutor(), Executors.newSingleThreadExecutor() };
		AtomicInteger next = new AtomicInteger();
		UmamiTransport transport = (request) -> Mono
			.create((sink) -> answerers[next.getAndIncrement() & 1].execute(() -> sink.success(ACCEPTED)));
		DefaultUmamiTracker tracker = BenchmarkTrackers.tracker(transport, count, false, 1);
		tracker.start();
		Map<String, List<double[]>> figures = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			System.out.printf("Round %d of %d, %d events per contender%n", round, rounds, count);
			measure(figures, "one thread, 16 permits", count, () -> fromOneThread(transport, events));
			measure(figures, "tracker.track, batching off", count, () -> {
				for (UmamiEvent event : events) {
					tracker.track(event);
				}
				tracker.flush().block();
				return () -> {
				};
			});
		}
		tracker.stop();
		for (ExecutorService answerer : answerers) {
			answerer.shutdown();
		}
		System.out.println();
		System.out.printf("%-30s %12s %14s %16s%n", "contender", "events/s", "CPU us/event", "bytes/event");
		figures.forEach((name, values) -> System.out.printf("%-30s %,12.0f %14.2f %,16.0f%n", name, median(values, 0),
				median(values, 1), median(values, 2)));
		System.out.printf("(%d events, median of rounds %d to %d, %d cores)%n", count, rounds / 2 + 1, rounds,
				Runtime.getRuntime().availableProcessors());
		System.exit(0);
	}

	private static Runnable fromOneThread(UmamiTransport transport, UmamiEvent[] events) throws InterruptedException {
		BenchmarkRequests requests = new BenchmarkRequests(BenchmarkTrackers.DEFAULTS);
		return BenchmarkTrackers.sendFromOneThread(events, IN_FLIGHT,
				(event) -> transport.send(requests.request(event)), Duration.ofMinutes(5));
	}

	private static void measure(Map<String, List<double[]>> figures, String name, int count, Contender contender)
			throws Exception {
		long allocated = allocatedBytes();
		long cpu = os.getProcessCpuTime();
		long start = System.nanoTime();
		Runnable afterMeasuring = contender.run();
		long elapsed = System.nanoTime() - start;
		double[] values = { count / (elapsed / 1e9), (os.getProcessCpuTime() - cpu) / 1e3 / count,
				(double) (allocatedBytes() - allocated) / count };
		afterMeasuring.run();
		System.out.printf("  %-30s %,12.0f events/s %8.2f us/event %,10.0f bytes/event%n", name, values[0], values[1],
				values[2]);
		figures.computeIfAbsent(name, (key) -> new ArrayList<>()).add(values);
	}

	private static long allocatedBytes() {
		long total = 0;
		for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
			total += Math.max(0, bytes);
		}
		return total;
	}

	/**
	 * Return the median of one figure over the second half of the rounds, the first half
	 * warming up.
	 */
	private static double median(List<double[]> rounds, int figure) {
		List<Double> values = new ArrayList<>();
		for (int i = rounds.size() / 2; i < rounds.size(); i++) {
			values.add(rounds.get(i)[figure]);
		}
		return BenchmarkTrackers.median(values);
	}

	/**
	 * Sends the events of a round and returns what to do once the round is measured.
	 */
	@FunctionalInterface
	private interface Contender {

		Runnable run() throws Exception;

	}

}
