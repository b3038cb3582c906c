package io.github.umamispring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.test.server.MockUmamiServer;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's requests to Umami and the observation registry of a real application with
 * Micrometer metrics and observations, whose own WebClient is observed.
 */
class UmamiObservationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String APPLICATION_URI = "/app/{id}";

	private final MockUmamiServer server = MockUmamiServer.start();

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.server.close();
	}

	@Test
	void recordsNothingOfTheRequestsToUmamiByDefault() throws Exception {
		start();
		assertThat(sendEvent()).isInstanceOf(UmamiResult.Accepted.class);
		// the application's own WebClient is still observed, after the request to Umami
		callWithApplicationsWebClient();
		List<String> stopped = stoppedUntil("http.client.requests " + APPLICATION_URI);
		assertThat(stopped).containsExactly("http.client.requests " + APPLICATION_URI);
		assertThat(this.context.getBean(RecordingObservationHandler.class).stopped).isEmpty();
		assertThat(this.context.getBean(MeterRegistry.class).find("http.client.requests").timers()).singleElement()
			.satisfies((timer) -> assertThat(timer.getId().getTag("uri")).isEqualTo(APPLICATION_URI));
	}

	@Test
	void recordsTheRequestsToUmamiWhenEnabled() throws Exception {
		start("umami.observations.enabled=true");
		assertThat(sendEvent()).isInstanceOf(UmamiResult.Accepted.class);
		// Umami's endpoint is given as a URI, not a template
		assertThat(stoppedUntil("http.client.requests none")).contains("http.client.requests none");
	}

	private void start(String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"spring.reactor.netty.shutdown-quiet-period=0s", "umami.host-url=" + this.server.getHostUrl(),
				"umami.website-id=" + this.server.getWebsiteId()));
		all.addAll(List.of(properties));
		this.context = new SpringApplicationBuilder(ObservedApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

	private UmamiResult sendEvent() {
		UmamiResult result = this.context.getBean(UmamiTracker.class)
			.send(UmamiEvent.event("signup").url("/signup").build())
			.block(TIMEOUT);
		assertThat(this.server.requests("/api/send")).hasSize(1);
		return result;
	}

	private void callWithApplicationsWebClient() {
		WebClient client = this.context.getBean(WebClient.Builder.class).build();
		// MockUmamiServer answers 404 to a path Umami does not have
		Integer status = client.get()
			.uri(this.server.getHostUrl() + APPLICATION_URI, 7)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(TIMEOUT);
		assertThat(status).isEqualTo(404);
		assertThat(this.server.requests("/app/7")).hasSize(1);
	}

	/**
	 * Take the observations stopped so far, waiting for the expected one.
	 */
	private List<String> stoppedUntil(String expected) throws InterruptedException {
		BlockingQueue<String> stopped = this.context.getBean(RecordingObservationHandler.class).stopped;
		List<String> taken = new ArrayList<>();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!taken.contains(expected) && System.nanoTime() < deadline) {
			String next = stopped.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (next != null) {
				taken.add(next);
			}
		}
		return taken;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ObservedApplication {

		@Bean
		RecordingObservationHandler recordingObservationHandler() {
			return new RecordingObservationHandler();
		}

	}

	/**
	 * Records the name and {@code uri} of every observation the registry stops.
	 */
	static final class RecordingObservationHandler implements ObservationHandler<Observation.Context> {

		final BlockingQueue<String> stopped = new LinkedBlockingQueue<>();

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		@Override
		public void onStop(Observation.Context context) {
			KeyValue uri = context.getLowCardinalityKeyValue("uri");
			this.stopped.add(context.getName() + " " + ((uri != null) ? uri.getValue() : ""));
		}

	}

}
