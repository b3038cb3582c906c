package io.github.umamispring.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicLong;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiDeliveryListener;

/**
 * Submits one million events while nothing listens where Umami should be, and reports the
 * heap used (after a full GC) as events keep coming: it must stay bounded by the queue
 * capacity, not grow with the events submitted.
 * <p>
 * Arguments: the number of events (default 1000000), then one or more queue capacities
 * (default 10000 and 100000).
 *
 * @author umami-spring-boot contributors
 */
public final class OutageRun {

	private OutageRun() {
	}

	public static void main(String[] args) throws IOException {
		int total = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		int[] capacities = { 10_000, 100_000 };
		if (args.length > 1) {
			capacities = new int[args.length - 1];
			for (int i = 1; i < args.length; i++) {
				capacities[i - 1] = Integer.parseInt(args[i]);
			}
		}
		for (int capacity : capacities) {
			run(total, capacity);
		}
		System.exit(0);
	}

	private static void run(int total, int capacity) throws IOException {
		int port = freePort();
		DefaultUmamiTracker tracker = BenchmarkTrackers.tracker(BenchmarkTrackers.transport("http://127.0.0.1:" + port),
				capacity, true, 100);
		AtomicLong dropped = new AtomicLong();
		tracker.addListener(new UmamiDeliveryListener() {

			@Override
			public void onResult(UmamiEvent event, UmamiResult result) {
				if (result instanceof UmamiResult.Dropped) {
					dropped.incrementAndGet();
				}
			}

		});
		long baseline = usedHeapAfterGc();
		System.out.printf("%nOutage: %,d events submitted to a tracker with queue capacity %,d; nothing listens on"
				+ " port %d%n", total, capacity, port);
		System.out.printf("%12s %12s %12s %16s%n", "submitted", "queue size", "dropped", "heap used (MB)");
		long start = System.nanoTime();
		long submitNanos = 0;
		for (int i = 1; i <= total; i++) {
			UmamiEvent event = BenchmarkTrackers.event(i);
			long before = System.nanoTime();
			tracker.track(event);
			submitNanos += System.nanoTime() - before;
			if (i == total / 10 || i == total / 4 || i == total / 2 || i == total * 3 / 4 || i == total) {
				long heap = usedHeapAfterGc() - baseline;
				System.out.printf("%,12d %,12d %,12d %16.1f%n", i, tracker.getQueueSize(), dropped.get(),
						heap / 1048576.0);
			}
		}
		long elapsed = System.nanoTime() - start;
		System.out.printf("dropped = submitted - capacity: %s (%,d = %,d - %,d)%n",
				dropped.get() == total - tracker.getQueueSize(), dropped.get(), total, tracker.getQueueSize());
		System.out.printf("mean submit() during the outage: %.0f ns; run took %.1f s (checkpoints' GCs included)%n",
				(double) submitNanos / total, elapsed / 1e9);
		tracker.stop();
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
