package io.github.umamispring.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.delivery.BenchmarkRequests;
import io.github.umamispring.transport.UmamiRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Pushes N events into a loopback Umami, side by side in one run: a naive client making
 * one blocking HTTP call per event, the tracker without batching, and the tracker with
 * batching. Reports events per second (median of the rounds) and the ratio to the naive
 * client. Reference contenders show how far one request per event can go on this machine:
 * Reactor Netty's own client and a bare {@code WebClient} on it, each keeping as many
 * requests in flight as the tracker, with nothing else around them, and the same
 * {@code WebClient} started from one thread of its own, as the tracker's sender thread
 * starts requests, which parts the shape's cost from the tracker's own work. Two
 * scenarios, one after the other in the same run:
 * <ol>
 * <li>a fast sink that answers at once (the figure to compare contenders on the client
 * side alone);
 * <li>a sink that answers each request after a fixed delay, standing for a real Umami's
 * database write per request; a delayed answer does not hold the server's event loop.
 * </ol>
 * Each scenario starts with rounds of warm-up (six by default): on a two-core machine the
 * rates of every contender rise for about six rounds while the JIT compiles their paths.
 * <p>
 * Arguments: the number of events (default 20000) and of rounds (default 3) of the fast
 * sink, then the number of events (default 2000) and the delay in milliseconds (default
 * 5) of the delayed sink, which runs the same number of rounds; a delay of 0 skips the
 * delayed sink; then the number of warm-up rounds of each scenario (default 6); then the
 * number of forks (default 1): with more, each runs all of the above in a JVM of its own,
 * and the rounds of all are reported together and the ratios fork by fork. Give multiples
 * of 500: a last, partial batch would wait for {@code umami.delivery.batch.max-wait}
 * before it is sent.
 *
 * @author umami-spring-boot contributors
 */
public final class LoadHarness {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private static final String NAIVE = "naive client, one blocking call per event";

	private static final String BARE_NETTY = "(reference) Reactor Netty, 16 in flight";

	private static final String BARE_WEBCLIENT = "(reference) WebClient, 16 in flight";

	private static final String BARE_SENDER = "(reference) WebClient from one thread, 16";

	private static final String UNBATCHED = "tracker.track, batching off";

	/**
	 * As many requests in flight as the tracker keeps without batching.
	 */
	private static final int IN_FLIGHT = 16;

	private LoadHarness() {
	}

	public static void main(String[] args) throws Exception {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		int delayedCount = (args.length > 2) ? Integer.parseInt(args[2]) : 2_000;
		long delayMillis = (args.length > 3) ? Long.parseLong(args[3]) : 5;
		int warmUps = (args.length > 4) ? Integer.parseInt(args[4]) : 6;
		int forks = (args.length > 5) ? Integer.parseInt(args[5]) : 1;
		String fastTitle = "Fast sink (answers at once)";
		String delayedTitle = "Delayed sink (answers each request after " + delayMillis + " ms)";
		if (forks > 1) {
			List<String> forkArgs = List.of(String.valueOf(count), String.valueOf(rounds), String.valueOf(delayedCount),
					String.valueOf(delayMillis), String.valueOf(warmUps), "1");
			List<Map<String, Map<String, List<Double>>>> runs = Forks.run(LoadHarness.class, forkArgs, forks);
			reportForks(fastTitle, runs, count, rounds);
			if (delayMillis > 0) {
				reportForks(delayedTitle, runs, delayedCount, rounds);
			}
			System.exit(0);
		}
		Map<String, List<Double>> fast = runScenario(fastTitle, Duration.ZERO, count, rounds, warmUps);
		Forks.write(fastTitle, fast);
		Map<String, List<Double>> delayed = null;
		if (delayMillis > 0) {
			delayed = runScenario(delayedTitle, Duration.ofMillis(delayMillis), delayedCount, rounds, warmUps);
			Forks.write(delayedTitle, delayed);
		}
		report(fastTitle, fast, count, rounds);
		if (delayed != null) {
			report(delayedTitle, delayed, delayedCount, rounds);
		}
		System.exit(0);
	}

	/**
	 * Report the rounds of every fork together, then the ratio of each fork alone: the
	 * spread between forks is the JIT's, which one JVM cannot show.
	 */
	private static void reportForks(String title, List<Map<String, Map<String, List<Double>>>> runs, int count,
			int rounds) {
		Map<String, List<Double>> pooled = new LinkedHashMap<>();
		runs.forEach((run) -> run.get(title)
			.forEach((contender, rates) -> pooled.computeIfAbsent(contender, (name) -> new ArrayList<>())
				.addAll(rates)));
		report(title + ", " + runs.size() + " forks", pooled, count, rounds * runs.size());
		printForkRatios(title, runs, UNBATCHED, BARE_WEBCLIENT);
		printForkRatios(title, runs, BARE_SENDER, BARE_WEBCLIENT);
		printForkRatios(title, runs, UNBATCHED, BARE_SENDER);
	}

	private static void printForkRatios(String title, List<Map<String, Map<String, List<Double>>>> runs,
			String contender, String reference) {
		List<Double> medians = new ArrayList<>();
		for (Map<String, Map<String, List<Double>>> run : runs) {
			medians.add(BenchmarkTrackers.median(ratios(run.get(title), contender, reference)));
		}
		System.out.printf("%s vs %s, fork by fork (median of its rounds): %s%n", contender, reference,
				medianAndEach(medians));
	}

	private static Map<String, List<Double>> runScenario(String title, Duration delay, int count, int rounds,
			int warmUps) throws Exception {
		UmamiEvent[] events = new UmamiEvent[count];
		for (int i = 0; i < count; i++) {
			events[i] = BenchmarkTrackers.event(i);
		}
		Map<String, List<Double>> rates = new LinkedHashMap<>();
		System.out.printf("%n%s%n", title);
		try (LoopbackUmami umami = new LoopbackUmami(delay); Contenders contenders = new Contenders(umami, count)) {
			for (int round = 1; round <= warmUps; round++) {
				System.out.printf("Warm-up round %d of %d, %d events per contender%n", round, warmUps, count);
				runRound(umami, contenders, events, null);
			}
			for (int round = 1; round <= rounds; round++) {
				System.out.printf("Round %d of %d, %d events per contender%n", round, rounds, count);
				runRound(umami, contenders, events, rates);
			}
		}
		return rates;
	}

	private static void report(String title, Map<String, List<Double>> rates, int count, int rounds) {
		double naive = BenchmarkTrackers.median(rates.get(NAIVE));
		System.out.println();
		System.out.println(title);
		double webClient = BenchmarkTrackers.median(rates.get(BARE_WEBCLIENT));
		System.out.printf("%-46s %14s %10s %14s%n", "contender", "events/s", "vs naive", "vs WebClient");
		rates.forEach((name, values) -> System.out.printf("%-46s %,14.0f %9.1fx %13.2fx%n", name,
				BenchmarkTrackers.median(values), BenchmarkTrackers.median(values) / naive,
				BenchmarkTrackers.median(values) / webClient));
		System.out.printf("(%d events, median of %d rounds, %d cores)%n", count, rounds,
				Runtime.getRuntime().availableProcessors());
		// The contenders of a round ran one after the other, in the same conditions: the
		// ratio within each round is the side-by-side figure, less exposed to the
		// machine's load drifting between rounds than the ratio of the medians
		printRatios(rates, UNBATCHED, BARE_WEBCLIENT);
		printRatios(rates, BARE_SENDER, BARE_WEBCLIENT);
		printRatios(rates, UNBATCHED, BARE_SENDER);
	}

	private static void printRatios(Map<String, List<Double>> rates, String contender, String reference) {
		System.out.printf("%s vs %s, round by round: %s%n", contender, reference,
				medianAndEach(ratios(rates, contender, reference)));
	}

	private static String medianAndEach(List<Double> ratios) {
		return String.format("median %.2fx (%s)", BenchmarkTrackers.median(ratios),
				String.join(", ", ratios.stream().map((ratio) -> String.format("%.2f", ratio)).toList()));
	}

	private static List<Double> ratios(Map<String, List<Double>> rates, String contender, String reference) {
		List<Double> values = rates.get(contender);
		List<Double> references = rates.get(reference);
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			ratios.add(values.get(i) / references.get(i));
		}
		return ratios;
	}

	private static void runRound(LoopbackUmami umami, Contenders contenders, UmamiEvent[] events,
			Map<String, List<Double>> rates) throws Exception {
		record(rates, NAIVE, naive(umami, contenders.naive, events));
		record(rates, BARE_NETTY, bareReactorNetty(umami, contenders.reactorNetty, events));
		record(rates, BARE_WEBCLIENT, bareWebClient(umami, contenders.webClient, events));
		record(rates, BARE_SENDER, bareWebClientFromOneThread(umami, contenders.webClient, events));
		record(rates, UNBATCHED, tracker(umami, contenders.unbatched, events));
		record(rates, "tracker.track, batching on (max-size 100)", tracker(umami, contenders.batchesOf100, events));
		record(rates, "tracker.track, batching on (max-size 500)", tracker(umami, contenders.batchesOf500, events));
	}

	private static void record(Map<String, List<Double>> rates, String name, double rate) {
		System.out.printf("  %-46s %,14.0f events/s%n", name, rate);
		if (rates != null) {
			rates.computeIfAbsent(name, (key) -> new ArrayList<>()).add(rate);
		}
	}

	private static double naive(LoopbackUmami umami, HttpClient client, UmamiEvent[] events) throws Exception {
		umami.reset();
		BenchmarkRequests requests = new BenchmarkRequests(BenchmarkTrackers.DEFAULTS);
		URI uri = URI.create(umami.url() + "/api/send");
		long start = System.nanoTime();
		for (UmamiEvent event : events) {
			UmamiRequest request = requests.request(event);
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
				.header("Content-Type", "application/json")
				.header("User-Agent", request.userAgent())
				.POST(HttpRequest.BodyPublishers.ofString(request.body()))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Loopback Umami answered " + response.statusCode());
			}
		}
		long elapsed = System.nanoTime() - start;
		check(umami, events.length);
		return events.length / (elapsed / 1e9);
	}

	/**
	 * The cheapest way to post the same requests with the HTTP client under the tracker's
	 * {@code WebClient}: Reactor Netty's own client, as many requests in flight as the
	 * tracker, no queue, no result handling. What no client built on it can beat here.
	 */
	private static double bareReactorNetty(LoopbackUmami umami, reactor.netty.http.client.HttpClient client,
			UmamiEvent[] events) {
		umami.reset();
		BenchmarkRequests requests = new BenchmarkRequests(BenchmarkTrackers.DEFAULTS);
		String uri = umami.url() + "/api/send";
		long start = System.nanoTime();
		Flux.fromArray(events).flatMap((event) -> {
			UmamiRequest request = requests.request(event);
			return client
				.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
					.set(HttpHeaderNames.USER_AGENT, request.userAgent()))
				.post()
				.uri(uri)
				.send(ByteBufMono.fromString(Mono.just(request.body())))
				.responseSingle((response, body) -> body.asString().map((answer) -> response.status().code()));
		}, IN_FLIGHT).blockLast(TIMEOUT);
		long elapsed = System.nanoTime() - start;
		check(umami, events.length);
		return events.length / (elapsed / 1e9);
	}

	/**
	 * The same through a {@code WebClient} on that client (with the tracker's timeouts),
	 * as many requests in flight as the tracker: what the tracker's transport could reach
	 * without its queue, sender thread, result handling and header filter.
	 */
	private static double bareWebClient(LoopbackUmami umami, WebClient client, UmamiEvent[] events) {
		umami.reset();
		BenchmarkRequests requests = new BenchmarkRequests(BenchmarkTrackers.DEFAULTS);
		URI uri = URI.create(umami.url() + "/api/send");
		long start = System.nanoTime();
		Flux.fromArray(events)
			.flatMap((event) -> BenchmarkTrackers.post(client, uri, requests.request(event)), IN_FLIGHT)
			.blockLast(TIMEOUT);
		long elapsed = System.nanoTime() - start;
		check(umami, events.length);
		return events.length / (elapsed / 1e9);
	}

	/**
	 * The same requests through the same {@code WebClient}, started from one plain thread
	 * that holds as many permits as the tracker keeps requests in flight, the way the
	 * tracker's sender thread starts them: what that shape costs, without the tracker's
	 * own work (queue, limit, bound, cache tokens, parsing, results).
	 */
	private static double bareWebClientFromOneThread(LoopbackUmami umami, WebClient client, UmamiEvent[] events)
			throws InterruptedException {
		umami.reset();
		BenchmarkRequests requests = new BenchmarkRequests(BenchmarkTrackers.DEFAULTS);
		URI uri = URI.create(umami.url() + "/api/send");
		long start = System.nanoTime();
		BenchmarkTrackers
			.sendFromOneThread(events, IN_FLIGHT,
					(event) -> BenchmarkTrackers.post(client, uri, requests.request(event)), TIMEOUT)
			.run();
		long elapsed = System.nanoTime() - start;
		check(umami, events.length);
		return events.length / (elapsed / 1e9);
	}

	private static double tracker(LoopbackUmami umami, ConfigurableApplicationContext application,
			UmamiEvent[] events) {
		umami.reset();
		UmamiTracker tracker = application.getBean(UmamiTracker.class);
		long start = System.nanoTime();
		for (UmamiEvent event : events) {
			tracker.track(event);
		}
		tracker.flush().block(TIMEOUT);
		long elapsed = System.nanoTime() - start;
		check(umami, events.length);
		return events.length / (elapsed / 1e9);
	}

	private static void check(LoopbackUmami umami, int expected) {
		if (umami.events() != expected) {
			throw new IllegalStateException("Loopback Umami received " + umami.events() + " events, not " + expected);
		}
	}

	/**
	 * The contenders of a scenario, created once and used in every round, as an
	 * application keeps its HTTP client and its tracker: the rounds measure sending, not
	 * starting clients or applications, and warm-up rounds warm what is measured.
	 */
	private static final class Contenders implements AutoCloseable {

		private final HttpClient naive = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		private final reactor.netty.http.client.HttpClient reactorNetty = reactor.netty.http.client.HttpClient.create()
			.responseTimeout(Duration.ofSeconds(5));

		private final WebClient webClient = BenchmarkTrackers.webClient();

		// The auto-configured tracker, with room for every event: the harness measures
		// throughput, not the overflow policy
		private final ConfigurableApplicationContext unbatched;

		private final ConfigurableApplicationContext batchesOf100;

		private final ConfigurableApplicationContext batchesOf500;

		Contenders(LoopbackUmami umami, int count) {
			this.unbatched = BenchmarkTrackers.application(umami.url(), count, false, 1);
			this.batchesOf100 = BenchmarkTrackers.application(umami.url(), count, true, 100);
			this.batchesOf500 = BenchmarkTrackers.application(umami.url(), count, true, 500);
		}

		@Override
		public void close() {
			this.unbatched.close();
			this.batchesOf100.close();
			this.batchesOf500.close();
		}

	}

}
