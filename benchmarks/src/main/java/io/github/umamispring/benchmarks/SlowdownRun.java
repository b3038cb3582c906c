package io.github.umamispring.benchmarks;

import java.time.Duration;

import io.github.umamispring.delivery.DefaultUmamiTracker;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keeps the auto-configured tracker (at its defaults) busy with a backlog while its
 * loopback Umami ({@link CapacityUmami}) writes at its rate, then slows down by a factor
 * for a while, then recovers. Prints, every second, the tracker's limit on requests in
 * flight, the requests in flight at Umami, the events it received and the longest
 * request; at the end, whether every event was stored once and whether any request failed
 * or timed out.
 * <p>
 * Arguments: the model's rate in events per second (default 1000), the slowdown factor
 * (10), the seconds before, during and after the slowdown (20, 30, 30), and the backlog
 * the feeder keeps in the tracker's queue (2000).
 *
 * @author umami-spring-boot contributors
 */
public final class SlowdownRun {

	private SlowdownRun() {
	}

	public static void main(String[] args) throws Exception {
		int rate = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
		int factor = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		int before = (args.length > 2) ? Integer.parseInt(args[2]) : 20;
		int slow = (args.length > 3) ? Integer.parseInt(args[3]) : 30;
		int after = (args.length > 4) ? Integer.parseInt(args[4]) : 30;
		int backlog = (args.length > 5) ? Integer.parseInt(args[5]) : 2000;
		try (CapacityUmami umami = new CapacityUmami(rate, Duration.ofMillis(1));
				ConfigurableApplicationContext application = BenchmarkTrackers.application(umami.url(), 10_000, true,
						100, "umami.delivery.shutdown-timeout=10s")) {
			DefaultUmamiTracker tracker = application.getBean(DefaultUmamiTracker.class);
			DeliveryOutcomes outcomes = new DeliveryOutcomes();
			tracker.addListener(outcomes);
			System.out.printf("Model of %,d events/s, %dx slower from %ds to %ds; backlog of %,d events%n%n", rate,
					factor, before, before + slow, backlog);
			System.out.println(
					"| s | Umami | limit | in flight at Umami | queue | received in the second | longest request |");
			System.out.println("|---|---|---|---|---|---|---|");
			int tracked = 0;
			long start = System.nanoTime();
			long stored = 0;
			boolean slowed = false;
			for (int second = 1; second <= before + slow + after; second++) {
				long secondEnd = start + second * 1_000_000_000L;
				if (!slowed && second > before) {
					umami.slowDown(factor, Duration.ofSeconds(slow));
					slowed = true;
				}
				while (System.nanoTime() < secondEnd) {
					while (tracker.getQueueSize() < backlog) {
						tracker.track(BenchmarkTrackers.numberedEvent(tracked++));
					}
					Thread.sleep(5);
				}
				long storedNow = umami.stored();
				String phase = (second <= before) ? "normal"
						: (second <= before + slow) ? factor + "x slower" : "recovered";
				System.out.printf("| %d | %s | %.2f | %d | %,d | %,d | %,d ms |%n", second, phase,
						tracker.getInFlightLimit(), umami.inFlight(), tracker.getQueueSize(), storedNow - stored,
						outcomes.takeLongestRequest().toMillis());
				stored = storedNow;
			}
			tracker.flush().block(Duration.ofMinutes(5));
			while (umami.inFlight() > 0 || !umami.backlog().isZero()) {
				Thread.sleep(10);
			}
			System.out.printf(
					"%nTracked %,d events: %,d accepted, %,d failed (%,d timed out); Umami stored %,d,"
							+ " %,d distinct, %,d twice, in %,d requests%n",
					tracked, outcomes.accepted(), outcomes.failed(), outcomes.timedOut(), umami.stored(),
					umami.distinct(), umami.duplicates(), umami.requests());
		}
		System.exit(0);
	}

}
