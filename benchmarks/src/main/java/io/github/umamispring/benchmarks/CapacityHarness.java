package io.github.umamispring.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.delivery.BenchmarkRequests;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.transport.UmamiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends events to loopback Umamis with a capacity ({@link CapacityUmami}: one worker
 * writing a fixed number of events per second, plus a fixed cost per request), side by
 * side in one run: a bare {@code WebClient} posting one event per request with 16 in
 * flight, a bare {@code WebClient} posting batches of 100 with 1, 2, 4 and 16 in flight
 * (both with the 5s response timeout that was the tracker's), and the auto-configured
 * tracker at its defaults, with and without batching. The tracker is handed a backlog
 * (every event tracked at once, as a burst of {@code @TrackEvent} calls does) and timed
 * until {@code flush()} completes; then the model says how many events it stored and
 * whether any twice.
 * <p>
 * Arguments: the models' rates in events per second (default {@code 100,1000,10000}), the
 * fixed cost of a request in milliseconds (default 1), and the seconds of work each
 * contender is given at the model's capacity (default 15; a third of it one event per
 * request). A warm-up runs every contender first, for a second, against a fast model.
 *
 * @author umami-spring-boot contributors
 */
public final class CapacityHarness {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private CapacityHarness() {
	}

	public static void main(String[] args) throws Exception {
		String[] rates = ((args.length > 0) ? args[0] : "100,1000,10000").split(",");
		Duration cost = Duration.ofMillis((args.length > 1) ? Long.parseLong(args[1]) : 1);
		int seconds = (args.length > 2) ? Integer.parseInt(args[2]) : 15;
		System.out.println("Warm-up: every contender, a second of work against a model of 10,000 events/s");
		runModel(10_000, cost, 1);
		List<String> reports = new ArrayList<>();
		for (String rate : rates) {
			reports.add(runModel(Integer.parseInt(rate.trim()), cost, seconds));
		}
		reports.forEach(System.out::println);
		System.exit(0);
	}

	private static String runModel(int rate, Duration cost, int seconds) throws Exception {
		StringBuilder report = new StringBuilder();
		try (CapacityUmami umami = new CapacityUmami(rate, cost)) {
			int batched = Math.max(1000, (int) (umami.capacity(100) * seconds) / 100 * 100);
			int unbatched = Math.max(200, (int) (umami.capacity(1) * seconds / 3));
			report.append(String.format(
					"%nModel: %,d events/s, %d ms per request; capacity %,.0f events/s in batches"
							+ " of 100, %,.0f events/s one per request%n%n",
					rate, cost.toMillis(), umami.capacity(100), umami.capacity(1)));
			report.append("| sent | events | events/s | x capacity | longest request | timed out | failed | stored once"
					+ " | limit |\n");
			report.append("|---|---|---|---|---|---|---|---|---|\n");
			System.out.printf("Model of %,d events/s%n", rate);
			WebClient webClient = BenchmarkTrackers.webClient();
			report.append(bare(umami, webClient, "bare WebClient, /api/send, 16 in flight", unbatched, 1, 16));
			for (int inFlight : new int[] { 1, 2, 4, 16 }) {
				report.append(bare(umami, webClient, "bare WebClient, /api/batch of 100, " + inFlight + " in flight",
						batched, 100, inFlight));
			}
			report.append(tracker(umami, "tracker at its defaults (batches of 100)", batched, true));
			report.append(tracker(umami, "tracker, batching off", unbatched, false));
		}
		return report.toString();
	}

	/**
	 * Post the events with nothing around the client, {@code size} per request, at most
	 * {@code inFlight} requests at once, each given the old 5s response timeout.
	 */
	private static String bare(CapacityUmami umami, WebClient client, String name, int count, int size, int inFlight) {
		idle(umami);
		umami.reset();
		BenchmarkRequests requests = new BenchmarkRequests(BenchmarkTrackers.DEFAULTS);
		List<UmamiRequest> bodies = new ArrayList<>();
		for (int i = 0; i < count; i += size) {
			List<UmamiEvent> events = new ArrayList<>();
			for (int j = i; j < Math.min(count, i + size); j++) {
				events.add(BenchmarkTrackers.numberedEvent(j));
			}
			bodies.add((size == 1) ? requests.request(events.get(0)) : requests.batchRequest(events));
		}
		URI uri = URI.create(umami.url() + ((size == 1) ? "/api/send" : "/api/batch"));
		AtomicInteger timedOut = new AtomicInteger();
		AtomicLong longest = new AtomicLong();
		long start = System.nanoTime();
		Flux.fromIterable(bodies).flatMap((request) -> Mono.defer(() -> {
			long sent = System.nanoTime();
			return BenchmarkTrackers.post(client, uri, request).onErrorResume((ex) -> {
				timedOut.addAndGet(isTimeout(ex) ? Math.min(size, count) : 0);
				return Mono.empty();
			}).doFinally((signal) -> longest.accumulateAndGet(System.nanoTime() - sent, Math::max));
		}), inFlight).blockLast(TIMEOUT);
		// Until the model wrote the last event, even those the client gave up on
		double elapsed = (System.nanoTime() + umami.backlog().toNanos() - start) / 1e9;
		idle(umami);
		return row(umami, name, count, count / elapsed, Duration.ofNanos(longest.get()), timedOut.get(), timedOut.get(),
				"", size);
	}

	private static String tracker(CapacityUmami umami, String name, int count, boolean batch) {
		idle(umami);
		umami.reset();
		// The defaults, but room in the queue for every event: the harness measures
		// delivery, not the overflow policy
		try (ConfigurableApplicationContext application = BenchmarkTrackers.application(umami.url(),
				Math.max(10_000, count), batch, batch ? 100 : 1, "umami.delivery.shutdown-timeout=10s")) {
			DefaultUmamiTracker tracker = application.getBean(DefaultUmamiTracker.class);
			DeliveryOutcomes outcomes = new DeliveryOutcomes();
			tracker.addListener(outcomes);
			double[] maxLimit = { 1 };
			Thread sampler = new Thread(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					maxLimit[0] = Math.max(maxLimit[0], tracker.getInFlightLimit());
					try {
						Thread.sleep(50);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
			sampler.start();
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				tracker.track(BenchmarkTrackers.numberedEvent(i));
			}
			tracker.flush().block(TIMEOUT);
			double elapsed = (System.nanoTime() - start) / 1e9;
			sampler.interrupt();
			idle(umami);
			String limit = String.format("max %.1f, last %.1f", maxLimit[0], tracker.getInFlightLimit());
			return row(umami, name, count, count / elapsed, outcomes.takeLongestRequest(), outcomes.timedOut(),
					outcomes.failed(), limit, batch ? 100 : 1);
		}
	}

	private static String row(CapacityUmami umami, String name, int count, double rate, Duration longest, int timedOut,
			int failed, String limit, int size) {
		boolean once = umami.stored() == count && umami.distinct() == count && umami.duplicates() == 0;
		String stored = once ? "yes" : String.format("no: %,d stored, %,d distinct, %,d twice", umami.stored(),
				umami.distinct(), umami.duplicates());
		String line = String.format("| %s | %,d | %,.1f | %.2fx | %.2f s | %,d | %,d | %s | %s |%n", name, count, rate,
				rate / umami.capacity(size), longest.toMillis() / 1000.0, timedOut, failed, stored, limit);
		System.out.print("  " + line);
		return line;
	}

	/**
	 * Wait until the model has written everything it was sent, then forget it.
	 */
	private static void idle(CapacityUmami umami) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while ((umami.inFlight() > 0 || !umami.backlog().isZero()) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(Math.max(10, umami.backlog().toMillis()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getSimpleName().contains("Timeout")) {
				return true;
			}
		}
		return false;
	}

}
