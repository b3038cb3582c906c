package io.github.umamispring.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiDeliveryOptions;
import io.github.umamispring.delivery.UmamiEventDefaults;
import io.github.umamispring.transport.UmamiRequest;
import io.github.umamispring.transport.UmamiTransport;
import io.github.umamispring.transport.WebClientUmamiTransport;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds trackers as the auto-configuration does, and realistic events.
 *
 * @author umami-spring-boot contributors
 */
final class BenchmarkTrackers {

	static final String WEBSITE = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) umami-spring-boot";

	private static final String[] BROWSERS = {
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
			"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
			"Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0" };

	private BenchmarkTrackers() {
	}

	static final UmamiEventDefaults DEFAULTS = new UmamiEventDefaults(WEBSITE, "example.com", AGENT);

	static WebClientUmamiTransport transport(String hostUrl) {
		return WebClientUmamiTransport.builder(hostUrl).build();
	}

	/**
	 * A {@code WebClient} on Reactor Netty with the auto-configured tracker's timeouts.
	 */
	static WebClient webClient() {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
			.responseTimeout(Duration.ofSeconds(5));
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
	}

	/**
	 * Post a request the tracker would send with a bare {@code WebClient}, with the
	 * tracker's body and User-Agent, when subscribed to.
	 * @param client the client
	 * @param uri the endpoint
	 * @param request the request
	 * @return the answer's body
	 */
	static Mono<String> post(WebClient client, URI uri, UmamiRequest request) {
		return client.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.USER_AGENT, request.userAgent())
			.bodyValue(request.body().getBytes(StandardCharsets.UTF_8))
			.retrieve()
			.bodyToMono(String.class);
	}

	/**
	 * Send one request per event from one plain thread that holds {@code inFlight}
	 * permits, as the tracker's sender thread starts its deliveries; return once every
	 * request ended. The thread lives until the returned task runs, since the bytes a
	 * thread allocated are only counted while it lives. Failed requests are not reported:
	 * the caller counts what arrived.
	 * @param events the events
	 * @param inFlight the permits
	 * @param send sends an event's request when subscribed to
	 * @param timeout how long all requests may take
	 * @return the task that ends the thread
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Runnable sendFromOneThread(UmamiEvent[] events, int inFlight, Function<UmamiEvent, Mono<?>> send,
			Duration timeout) throws InterruptedException {
		Semaphore permits = new Semaphore(inFlight);
		CountDownLatch finished = new CountDownLatch(events.length);
		CountDownLatch ended = new CountDownLatch(1);
		Thread sender = new Thread(() -> {
			for (UmamiEvent event : events) {
				permits.acquireUninterruptibly();
				send.apply(event).doFinally((signal) -> {
					permits.release();
					finished.countDown();
				}).subscribe(null, (ex) -> {
				});
			}
			try {
				ended.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "one-thread-sender");
		sender.start();
		if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Requests still in flight after " + timeout);
		}
		return ended::countDown;
	}

	/**
	 * Return the median of the given values.
	 * @param values the values, not empty
	 * @return the median
	 */
	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/**
	 * Start an application with the auto-configured tracker, exactly as an application
	 * gets it (WebClient with timeouts and header filter), sending to the given host.
	 * @param hostUrl the Umami host URL
	 * @param capacity the queue capacity
	 * @param batch whether to batch
	 * @param batchSize the batch size
	 * @param properties more properties
	 * @return the application context; its tracker is a {@link DefaultUmamiTracker}
	 */
	static ConfigurableApplicationContext application(String hostUrl, int capacity, boolean batch, int batchSize,
			String... properties) {
		return new SpringApplicationBuilder(TrackerApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.bannerMode(Banner.Mode.OFF)
			.properties("umami.host-url=" + hostUrl, "umami.website-id=" + WEBSITE,
					"umami.delivery.queue.capacity=" + capacity, "umami.delivery.batch.enabled=" + batch,
					"umami.delivery.batch.max-size=" + batchSize, "umami.delivery.shutdown-timeout=1s")
			.properties(properties)
			.run();
	}

	static DefaultUmamiTracker tracker(UmamiTransport transport, int capacity, boolean batch, int batchSize) {
		return tracker(transport, capacity, batch, batchSize, Duration.ofSeconds(1));
	}

	/**
	 * Build a tracker with the auto-configured defaults, except for the given settings.
	 * @param transport the transport
	 * @param capacity the queue capacity
	 * @param batch whether to batch
	 * @param batchSize the batch size
	 * @param shutdownTimeout how long {@code stop()} waits for queued events
	 * @return the tracker, not started
	 */
	static DefaultUmamiTracker tracker(UmamiTransport transport, int capacity, boolean batch, int batchSize,
			Duration shutdownTimeout) {
		UmamiDeliveryOptions options = UmamiDeliveryOptions.builder()
			.queueCapacity(capacity)
			.batchEnabled(batch)
			.batchMaxSize(batchSize)
			.shutdownTimeout(shutdownTimeout)
			.build();
		return new DefaultUmamiTracker(transport, DEFAULTS, options);
	}

	/**
	 * Return the i-th of a set of events as a web application would submit them: a custom
	 * event with a little data, for one of 1,000 visitors.
	 * @param i the index of the event
	 * @return the event
	 */
	static UmamiEvent event(int i) {
		int visitor = i % 1000;
		return UmamiEvent.event("checkout")
			.url("/cart?step=" + (i % 4))
			.hostname("shop.example.com")
			.language("en-US")
			.ip("198.51." + (visitor / 250) + "." + (visitor % 250))
			.userAgent(BROWSERS[visitor % BROWSERS.length])
			.data("plan", (i % 2 == 0) ? "pro" : "team")
			.data("amount", i % 500)
			.build();
	}

	/**
	 * Return the i-th event of {@link #event(int)}, carrying its number as data
	 * {@code n}, so that a server can tell every event apart.
	 * @param i the index of the event
	 * @return the event
	 */
	static UmamiEvent numberedEvent(int i) {
		return event(i).toBuilder().data("n", i).build();
	}

	/**
	 * The application {@link #application} starts, with every auto-configuration.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TrackerApplication {

	}

}
