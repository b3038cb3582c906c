package io.github.umamispring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiDeliveryListener;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import io.github.umamispring.test.server.ReceivedRequest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.BasicJsonParser;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the delivery of submitted events by an auto-configured tracker,
 * in an application context and in a running web application.
 *
 * @author umami-spring-boot contributors
 */
class UmamiDeliveryIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String WEBSITE = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, UmamiAutoConfiguration.class))
		.withPropertyValues("umami.website-id=" + WEBSITE);

	@Test
	void eventsSubmittedJustBeforeTheContextClosesAreAllReceived() {
		try (MockUmamiServer umami = MockUmamiServer.start()) {
			this.contextRunner.withPropertyValues("umami.host-url=" + umami.getHostUrl()).run((context) -> {
				UmamiTracker tracker = context.getBean(UmamiTracker.class);
				for (int i = 0; i < 1000; i++) {
					tracker.track(UmamiEvent.event("e" + i).ip("192.0.2." + (i % 200)).build());
				}
			});
			assertThat(receivedNames(umami)).hasSize(1000).doesNotHaveDuplicates();
		}
	}

	@Test
	void eventsSubmittedJustBeforeTheContextClosesAreAllReceivedWithoutBatching() {
		try (MockUmamiServer umami = MockUmamiServer.start()) {
			this.contextRunner
				.withPropertyValues("umami.host-url=" + umami.getHostUrl(), "umami.delivery.batch.enabled=false")
				.run((context) -> {
					UmamiTracker tracker = context.getBean(UmamiTracker.class);
					for (int i = 0; i < 200; i++) {
						tracker.track(UmamiEvent.event("e" + i).build());
					}
				});
			assertThat(umami.requests("/api/batch")).isEmpty();
			assertThat(receivedNames(umami)).hasSize(200).doesNotHaveDuplicates();
		}
	}

	@Test
	void batchesGoToTheBatchEndpointWhateverTheSendPath() {
		try (MockUmamiServer umami = MockUmamiServer.start()) {
			// MockUmamiServer has no base path: answer as Umami behind a proxy at /umami
			umami.respondWith(200, "{\"size\":10,\"processed\":10,\"errors\":0,\"details\":[]}");
			this.contextRunner
				.withPropertyValues("umami.host-url=" + umami.getHostUrl() + "/umami", "umami.send-path=/collect")
				.run((context) -> {
					UmamiTracker tracker = context.getBean(UmamiTracker.class);
					for (int i = 0; i < 10; i++) {
						tracker.track(UmamiEvent.event("e" + i).build());
					}
					tracker.flush().block(TIMEOUT);
				});
			assertThat(umami.requests()).isNotEmpty()
				.allSatisfy((request) -> assertThat(request.path()).isEqualTo("/umami/api/batch"));
			List<Object> names = new ArrayList<>();
			for (ReceivedRequest request : umami.requests()) {
				new BasicJsonParser().parseList(request.body())
					.forEach((item) -> names.add(((Map<?, ?>) ((Map<?, ?>) item).get("payload")).get("name")));
			}
			assertThat(names).hasSize(10);
		}
	}

	@Test
	void applicationRequestsAreUnaffectedWhenUmamiNeverAnswers() {
		try (MockUmamiServer umami = MockUmamiServer.start()) {
			umami.stall();
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
				.web(WebApplicationType.REACTIVE)
				.properties("server.port=0", "umami.host-url=" + umami.getHostUrl(), "umami.website-id=" + WEBSITE,
						"umami.delivery.read-timeout=5s", "umami.delivery.shutdown-timeout=1s")
				.run()) {
				RecordingListener listener = new RecordingListener();
				context.getBean(DefaultUmamiTracker.class).addListener(listener);
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				WebClient client = WebClient.create("http://127.0.0.1:" + port);
				List<String> answers = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					answers.add(client.get().uri("/signup").retrieve().bodyToMono(String.class).block(TIMEOUT));
				}
				assertThat(answers).hasSize(20).containsOnly("welcome");
				// Every request was served while Umami still held the events' request
				umami.awaitRequests(1, TIMEOUT);
				assertThat(listener.results).isEmpty();
				await().atMost(TIMEOUT).until(() -> listener.results.size() == 20);
				assertThat(listener.results).allSatisfy((result) -> assertThat(result)
					.isInstanceOfSatisfying(UmamiResult.Failed.class, (failed) -> assertThat(failed.cause())
						.hasRootCauseInstanceOf(io.netty.handler.timeout.ReadTimeoutException.class)));
				// A response timeout is ambiguous (the event may be stored): never
				// retried
				assertThat(receivedNames(umami)).hasSize(20);
			}
		}
	}

	@Test
	void requestInFlightAtShutdownIsTracked() throws Exception {
		try (MockUmamiServer umami = MockUmamiServer.start()) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
				.web(WebApplicationType.REACTIVE)
				.properties("server.port=0", "server.shutdown=graceful", "umami.host-url=" + umami.getHostUrl(),
						"umami.website-id=" + WEBSITE)
				.run();
			WebApplication application = context.getBean(WebApplication.class);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			CompletableFuture<String> answer = WebClient.create("http://127.0.0.1:" + port)
				.get()
				.uri("/slow")
				.retrieve()
				.bodyToMono(String.class)
				.toFuture();
			assertThat(application.slowRequests.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
			// The request finishes once the context is closing: graceful shutdown waits
			// for
			// it, and the tracker stops only after graceful shutdown
			assertThat(application.closing.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			application.gate.tryEmitEmpty();
			assertThat(answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("done");
			closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(receivedNames(umami)).containsExactly("slow");
		}
	}

	@Test
	void trackerStopsAfterTheWebServersGracefulShutdownAndBeforeTheWebServerStops() {
		assertThat(DefaultUmamiTracker.PHASE).isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
			.isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
	}

	private static List<Object> receivedNames(MockUmamiServer umami) {
		return umami.events().stream().map(ReceivedEvent::name).map(Object.class::cast).toList();
	}

	static final class RecordingListener implements UmamiDeliveryListener {

		final Queue<UmamiResult> results = new ConcurrentLinkedQueue<>();

		@Override
		public void onResult(UmamiEvent event, UmamiResult result) {
			this.results.add(result);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication implements ApplicationListener<ContextClosedEvent> {

		final CountDownLatch slowRequests = new CountDownLatch(1);

		final CountDownLatch closing = new CountDownLatch(1);

		final Sinks.Empty<Void> gate = Sinks.empty();

		@Override
		public void onApplicationEvent(ContextClosedEvent event) {
			this.closing.countDown();
		}

		@Bean
		RouterFunction<ServerResponse> slow(UmamiTracker tracker) {
			return RouterFunctions.route()
				.GET("/slow",
						(request) -> Mono.fromRunnable(this.slowRequests::countDown)
							.then(this.gate.asMono())
							.then(Mono.fromRunnable(() -> tracker.track(UmamiEvent.event("slow").build())))
							.then(ServerResponse.ok().bodyValue("done")))
				.build();
		}

		@Bean
		RouterFunction<ServerResponse> signup(UmamiTracker tracker) {
			return RouterFunctions.route()
				.GET("/signup", (request) -> Mono.fromRunnable(() -> tracker
					.track(UmamiEvent.event("signup").data("attempt", request.exchange().getRequest().getId()).build()))
					.then(ServerResponse.ok().bodyValue("welcome")))
				.build();
		}

	}

}
