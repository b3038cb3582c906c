package io.github.umamispring.benchmarks;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.aop.TrackEventAdvisor;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.transport.UmamiTransport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;
import reactor.core.publisher.Mono;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Cost of calling a {@link TrackEvent @TrackEvent} method versus the same method without
 * the annotation, on the caller's thread and outside any HTTP request:
 * <ul>
 * <li>{@code annotated}: {@code @TrackEvent(name = "purchase", data = "{product: #p0,
 * quantity: #p1}")}, through the proxy and the interceptor (SpEL evaluation, event built
 * and handed to the tracker);
 * <li>{@code plain}: a method of the same bean without the annotation (it still goes
 * through the bean's proxy, without advice);
 * <li>{@code direct}: the same plain method on an instance that is not a bean, for
 * reference.
 * </ul>
 * The application is a real one ({@code SpringApplication}, no web server, every
 * auto-configuration): the advisor, its interceptor and the auto-proxy creator are the
 * auto-configured ones. The tracker is a {@link DefaultUmamiTracker} (so the
 * auto-configured one backs off) in the {@code room} state of {@link SubmitBenchmark}:
 * its transport never answers, so its sender stays idle after its first deliveries, and
 * its queue has room for every event of an iteration. The figures are the cost on the
 * caller's thread, without a sender competing for the two cores or the queue, without
 * network work and without logging. The tracker is restarted (its queue emptied) after
 * every iteration, outside the measurement.
 * <p>
 * The interceptor's path (SpEL included) takes longer to compile than the plain call: the
 * warm-up is longer than {@link SubmitBenchmark}'s.
 * <p>
 * Run through {@link #main} it also prints the range of the iterations' medians and the
 * overhead of the annotation (p50 of {@code annotated} minus and divided by p50 of
 * {@code plain}); any JMH option can be given as arguments.
 *
 * @author umami-spring-boot contributors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 20, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 20, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class TrackEventBenchmark {

	private static final UmamiTransport NEVER = (request) -> Mono.never();

	/**
	 * Room for every event of an iteration (an iteration makes well under a million).
	 */
	private static final int CAPACITY = 20_000_000;

	private ConfigurableApplicationContext context;

	private DefaultUmamiTracker tracker;

	private Checkout checkout;

	private Checkout unproxied;

	public String product = "sku-42";

	public int quantity = 2;

	@Setup(Level.Trial)
	public void startApplication() {
		this.context = new SpringApplicationBuilder(CheckoutApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.bannerMode(Banner.Mode.OFF)
			.run();
		this.tracker = this.context.getBean(DefaultUmamiTracker.class);
		this.checkout = this.context.getBean(Checkout.class);
		this.unproxied = new Checkout();
		checkEventsAreRecorded();
	}

	/**
	 * Fail rather than measure a path that records nothing: the interceptor logs its
	 * failures, and this module's logging shows errors only.
	 */
	private void checkEventsAreRecorded() {
		if (!AopUtils.isAopProxy(this.checkout)) {
			throw new IllegalStateException("The Checkout bean is not proxied: @TrackEvent is not applied");
		}
		long failures = this.context.getBean(TrackEventAdvisor.class).getInterceptor().getFailedEvaluationCount();
		int before = this.tracker.getQueueSize();
		this.checkout.purchase(this.product, this.quantity);
		this.checkout.purchaseWithoutTracking(this.product, this.quantity);
		this.unproxied.purchase(this.product, this.quantity);
		if (this.tracker.getQueueSize() != before + 1 || this.context.getBean(TrackEventAdvisor.class)
			.getInterceptor()
			.getFailedEvaluationCount() != failures) {
			throw new IllegalStateException("Expected exactly one event from the annotated method, but the queue went"
					+ " from " + before + " to " + this.tracker.getQueueSize() + " events");
		}
	}

	@TearDown(Level.Iteration)
	public void emptyQueue() {
		// stop() gives up on the held events (the transport never answers) within the
		// shutdown timeout; start() reopens the queue for the next iteration
		this.tracker.stop();
		this.tracker.start();
	}

	@TearDown(Level.Trial)
	public void closeApplication() {
		this.context.close();
	}

	@Benchmark
	public long annotated() {
		return this.checkout.purchase(this.product, this.quantity);
	}

	@Benchmark
	public long plain() {
		return this.checkout.purchaseWithoutTracking(this.product, this.quantity);
	}

	@Benchmark
	public long direct() {
		return this.unproxied.purchaseWithoutTracking(this.product, this.quantity);
	}

	/**
	 * Run the benchmark and print the percentiles of each method and the overhead of the
	 * annotation.
	 * @param args JMH options, such as {@code -f 1 -wi 5 -i 10}
	 * @throws Exception if JMH fails
	 */
	public static void main(String[] args) throws Exception {
		Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
			.include(TrackEventBenchmark.class.getName() + ".")
			.build();
		Collection<RunResult> results = new Runner(options).run();
		Statistics annotated = null;
		Statistics plain = null;
		System.out.println();
		System.out.printf("%-10s %10s %10s %10s %10s %12s %20s  (ns per call)%n", "method", "p50", "p90", "p99",
				"p99.9", "samples", "p50 per iteration");
		for (RunResult result : results) {
			String label = result.getParams().getBenchmark();
			label = label.substring(label.lastIndexOf('.') + 1);
			Statistics statistics = result.getPrimaryResult().getStatistics();
			double lowest = Double.MAX_VALUE;
			double highest = 0;
			for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
				for (IterationResult iteration : benchmark.getIterationResults()) {
					double median = iteration.getPrimaryResult().getStatistics().getPercentile(50);
					lowest = Math.min(lowest, median);
					highest = Math.max(highest, median);
				}
			}
			System.out.printf("%-10s %,10.0f %,10.0f %,10.0f %,10.0f %,12d %20s%n", label, statistics.getPercentile(50),
					statistics.getPercentile(90), statistics.getPercentile(99), statistics.getPercentile(99.9),
					statistics.getN(), String.format("%,.0f to %,.0f", lowest, highest));
			if (label.equals("annotated")) {
				annotated = statistics;
			}
			else if (label.equals("plain")) {
				plain = statistics;
			}
		}
		if (annotated != null && plain != null) {
			double overhead = annotated.getPercentile(50) - plain.getPercentile(50);
			System.out.printf("@TrackEvent overhead at p50: %,.0f ns per call (annotated / plain = %.1fx)%n", overhead,
					annotated.getPercentile(50) / plain.getPercentile(50));
		}
		System.out.printf("(%d cores)%n", Runtime.getRuntime().availableProcessors());
	}

	/**
	 * The application: every auto-configuration, no web server, a tracker that does no
	 * network work.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class CheckoutApplication {

		@Bean
		DefaultUmamiTracker umamiTracker() {
			return BenchmarkTrackers.tracker(NEVER, CAPACITY, false, 1, Duration.ofMillis(50));
		}

		@Bean
		Checkout checkout() {
			return new Checkout();
		}

	}

	/**
	 * A bean with a tracked method and the same method untracked.
	 */
	public static class Checkout {

		@TrackEvent(name = "purchase", data = "{product: #p0, quantity: #p1}")
		public long purchase(String product, int quantity) {
			return total(product, quantity);
		}

		public long purchaseWithoutTracking(String product, int quantity) {
			return total(product, quantity);
		}

		private static long total(String product, int quantity) {
			return (long) product.length() * 1999 * quantity;
		}

	}

}
