package io.github.umamispring.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiVisitor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of building the event of a {@code @TrackEvent} call on the request's thread: a
 * custom event with three data properties and the visitor's request (hostname, url,
 * referrer, language, User-Agent, IP), whose values {@code build()} fits into Umami's
 * limits, for values that fit ({@code fitting}) and for a request past the limits
 * ({@code adjusted}: a 600-character data value, an upper-case hostname with port, a
 * 40-character language, an address that is not an IP).
 *
 * @author umami-spring-boot contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class EventBuildBenchmark {

	private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
			+ " (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	private final UmamiVisitor visitor = new UmamiVisitor("shop.example.com", "/shop/book?utm_source=newsletter",
			"https://www.google.com/search?q=umami", "de-CH", BROWSER, "203.0.113.7");

	private final Map<String, Object> data = Map.of("item", "book", "quantity", 2, "plan", "pro");

	private final UmamiVisitor pastLimits = new UmamiVisitor("SHOP.Example.COM:8443",
			"/shop/book?utm_source=newsletter", "https://www.google.com/search?q=umami",
			"de-CH-x-abcdefgh-abcdefgh-abcdefgh-abcde", BROWSER, "not-an-ip");

	private final Map<String, Object> longData = Map.of("item", "x".repeat(600), "quantity", 2, "plan", "pro");

	@Benchmark
	public UmamiEvent fitting() {
		return UmamiEvent.event("view").data(this.data).visitor(this.visitor).build();
	}

	@Benchmark
	public UmamiEvent adjusted() {
		return UmamiEvent.event("view").data(this.longData).visitor(this.pastLimits).build();
	}

}
