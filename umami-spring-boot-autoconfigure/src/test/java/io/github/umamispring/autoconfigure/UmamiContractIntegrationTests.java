package io.github.umamispring.autoconfigure;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiHttpException;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiResult.Accepted;
import io.github.umamispring.UmamiResult.Failed;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedRequest;
import io.github.umamispring.testsupport.UmamiFixture;
import io.github.umamispring.transport.UmamiWebClientCustomizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Contract tests: the auto-configured tracker against a real loopback HTTP server that
 * answers with responses recorded from Umami 3.1.0.
 */
@ExtendWith(OutputCaptureExtension.class)
class UmamiContractIntegrationTests {

	private static final String WEBSITE_ID = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MockUmamiServer server = MockUmamiServer.start();

	private ApplicationContextRunner contextRunner;

	private int taken;

	@BeforeEach
	void startServer() {
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, CodecsAutoConfiguration.class,
					WebClientAutoConfiguration.class, UmamiAutoConfiguration.class))
			.withPropertyValues("umami.host-url=" + this.server.getHostUrl(), "umami.website-id=" + WEBSITE_ID,
					"umami.user-agent=" + CHROME, "spring.reactor.netty.shutdown-quiet-period=0s");
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void sendsEventExactlyAsUmamiExpects() {
		UmamiFixture fixture = UmamiFixture.load("send-event-accepted");
		answerWith(fixture);
		UmamiEvent event = UmamiEvent.event("event-name")
			.hostname("example.com")
			.language("en-US")
			.referrer("")
			.screen("1920x1080")
			.title("dashboard")
			.url("/")
			.data(Map.of("foo", "bar"))
			.build();
		this.contextRunner.run((context) -> {
			UmamiResult result = track(context.getBean(UmamiTracker.class), event);
			ReceivedRequest request = takeRequest();
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/api/send");
			assertBody(request, fixture);
			assertThat(request.header("Content-Type")).isEqualTo("application/json");
			assertThat(request.header("User-Agent")).isEqualTo(CHROME);
			assertThat(request.header("x-umami-cache")).isNull();
			assertThat(request.header("x-umami-api-key")).isNull();
			assertThat(result).isEqualTo(new Accepted("632c6aff-d117-5271-9377-9bb83e4add00",
					"19c58eea-cff2-5a87-8aa8-d57e9794eae5", tokenOf(fixture)));
		});
	}

	@Test
	void sendsPageviewExactlyAsUmamiExpects() {
		UmamiFixture fixture = UmamiFixture.load("send-pageview-accepted");
		answerWith(fixture);
		this.contextRunner.withPropertyValues("umami.hostname=example.com").run((context) -> {
			UmamiTracker tracker = context.getBean(UmamiTracker.class);
			UmamiEvent pageview = UmamiEvent.pageview("/home?utm_source=newsletter")
				.title("Home")
				.language("en-US")
				.referrer("https://www.google.com/search?q=umami")
				.screen("1920x1080")
				.build();
			assertThat(track(tracker, pageview)).isInstanceOf(Accepted.class);
			ReceivedRequest request = takeRequest();
			assertBody(request, fixture);
			assertThat(request.header("User-Agent")).isEqualTo(CHROME);
		});
	}

	@Test
	void sendsIdentifyExactlyAsUmamiExpects() {
		UmamiFixture fixture = UmamiFixture.load("send-identify-accepted");
		answerWith(fixture);
		this.contextRunner.run((context) -> {
			UmamiTracker tracker = context.getBean(UmamiTracker.class);
			UmamiResult result = tracker.send(UmamiEvent.identify("user-42").data(Map.of("plan", "pro")).build())
				.block(TIMEOUT);
			assertThat(result).isInstanceOfSatisfying(Accepted.class,
					(accepted) -> assertThat(accepted.sessionId()).isEqualTo("6be0b72b-37b0-5f2b-b546-2399da4cc095"));
			assertBody(takeRequest(), fixture);
		});
	}

	@Test
	void sendsVisitorIpAndUserAgentInPayloadAndHeader() {
		UmamiFixture fixture = UmamiFixture.load("send-public-ip-forwarded");
		answerWith(fixture);
		this.contextRunner.withPropertyValues("umami.user-agent=Mozilla/5.0 (X11; Linux x86_64) umami-spring-boot")
			.run((context) -> {
				UmamiEvent event = UmamiEvent.event("event-name")
					.hostname("example.com")
					.url("/")
					.ip("81.2.69.160")
					.userAgent(CHROME)
					.build();
				assertThat(track(context.getBean(UmamiTracker.class), event)).isInstanceOf(Accepted.class);
				ReceivedRequest request = takeRequest();
				assertBody(request, fixture);
				assertThat(request.header("User-Agent")).isEqualTo(CHROME);
			});
	}

	@Test
	void echoesEachVisitorsOwnCacheToken() {
		this.contextRunner.run((context) -> {
			UmamiTracker tracker = context.getBean(UmamiTracker.class);
			UmamiEvent alice = UmamiEvent.event("click").url("/").ip("81.2.69.160").userAgent(CHROME).build();
			UmamiEvent bob = UmamiEvent.event("click").url("/").ip("81.2.69.161").userAgent(CHROME).build();
			track(tracker, alice);
			track(tracker, bob);
			assertThat(takeRequest().header("x-umami-cache")).isNull();
			assertThat(takeRequest().header("x-umami-cache")).isNull();
			track(tracker, bob);
			track(tracker, alice);
			// MockUmamiServer gives each visitor its own token, as Umami
			String bobsToken = this.server.cacheTokenFor("81.2.69.161", CHROME);
			String alicesToken = this.server.cacheTokenFor("81.2.69.160", CHROME);
			assertThat(bobsToken).isNotNull().isNotEqualTo(alicesToken);
			assertThat(takeRequest().header("x-umami-cache")).isEqualTo(bobsToken);
			assertThat(takeRequest().header("x-umami-cache")).isEqualTo(alicesToken);
		});
	}

	@ParameterizedTest
	@CsvSource({ "send-event-accepted, accepted", "send-bot-filtered, bot", "send-unknown-website, rejected",
			"send-name-too-long, rejected", "send-missing-website, rejected", "send-malformed-website, rejected",
			"send-missing-type, rejected", "send-invalid-json, rejected", "send-data-value-too-long, failed" })
	void mapsEveryRecordedAnswerOverHttp(String fixtureName, String outcome) {
		answerWith(UmamiFixture.load(fixtureName));
		this.contextRunner.run((context) -> {
			UmamiResult result = track(context.getBean(UmamiTracker.class), UmamiEvent.event("e").url("/").build());
			assertThat(result.outcome()).isEqualTo(outcome);
		});
	}

	@Test
	void sendsApiKeyWhenConfiguredAndNeverLogsIt(CapturedOutput output) {
		answerWith(UmamiFixture.load("send-event-accepted"));
		this.contextRunner
			.withPropertyValues("umami.api-key=secret-key-123", "logging.level.io.github.umamispring=trace")
			.run((context) -> {
				track(context.getBean(UmamiTracker.class), UmamiEvent.event("e").url("/").build());
				assertThat(takeRequest().header("x-umami-api-key")).isEqualTo("secret-key-123");
				assertThat(context.getBean(UmamiProperties.class).toString()).doesNotContain("secret-key-123")
					.contains("apiKey=******");
			});
		assertThat(output).doesNotContain("secret-key-123");
	}

	@Test
	void keepsTheApplicationsWebClientSetupOutOfUmamisClient() {
		answerWith(UmamiFixture.load("send-event-accepted"));
		this.contextRunner.withUserConfiguration(LeakyWebClientConfiguration.class).run((context) -> {
			track(context.getBean(UmamiTracker.class), UmamiEvent.event("e").url("/").build());
			HttpHeaders sent = new HttpHeaders();
			takeRequest().headers().forEach((name, values) -> values.forEach((value) -> sent.add(name, value)));
			assertThat(context.getBean(LeakyWebClientConfiguration.class).filtered)
				.as("requests the application's" + " filter saw")
				.hasValue(0);
			assertThat(sent.headerNames()).doesNotContain("Cookie", "X-Internal", "traceparent");
			assertThat(sent.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Basic dW1hbWk6c2VjcmV0");
			assertThat(sent.getFirst("X-Proxy-Token")).isEqualTo("from-umami-customizer");
			assertThat(sent.headerNames()).allSatisfy((name) -> assertThat(name.toLowerCase()).isIn("content-type",
					"user-agent", "x-proxy-token", "authorization", "host", "content-length", "accept", "connection"));
		});
	}

	@Test
	void neverSendsAHeaderUmamiReadsAVisitorsAddressFromWhateverAddedIt() {
		answerWith(UmamiFixture.load("send-event-accepted"));
		this.contextRunner.withUserConfiguration(AddressHeadersConfiguration.class).run((context) -> {
			track(context.getBean(UmamiTracker.class), UmamiEvent.event("e").url("/").build());
			ReceivedRequest request = takeRequest();
			assertThat(request.header("X-Forwarded-For")).isNull();
			assertThat(request.header("CF-Connecting-IP")).isNull();
			assertThat(request.header("Forwarded")).isNull();
			assertThat(request.header("X-Other")).isEqualTo("kept");
		});
	}

	@Test
	void asksForAnswersUncompressed() {
		// Boot's HTTP clients ask for compressed answers; Umami's are a few hundred bytes
		answerWith(UmamiFixture.load("send-event-accepted"));
		this.contextRunner.run((context) -> {
			track(context.getBean(UmamiTracker.class), UmamiEvent.event("e").url("/").build());
			assertThat(takeRequest().header("Accept-Encoding")).isNull();
		});
	}

	@Test
	void appliesUmamiWebClientCustomizersInOrder() {
		this.contextRunner.withUserConfiguration(OrderedCustomizersConfiguration.class).run((context) -> {
			context.getBean(UmamiTracker.class);
			assertThat(context.getBean(OrderedCustomizersConfiguration.class).applied).containsExactly("first",
					"second");
		});
	}

	@Test
	void failsWithoutThrowingWhenResponseTimesOut() {
		this.server.delay(Duration.ofSeconds(5));
		this.contextRunner.withPropertyValues("umami.delivery.read-timeout=200ms").run((context) -> {
			UmamiResult result = track(context.getBean(UmamiTracker.class), UmamiEvent.event("e").url("/").build());
			assertThat(result).isInstanceOfSatisfying(Failed.class,
					(failed) -> assertThat(failed.cause()).hasStackTraceContaining("ReadTimeoutException"));
		});
	}

	@Test
	void failsWithoutThrowingWhenNothingListens() {
		this.server.refuseConnections();
		this.contextRunner.run((context) -> {
			UmamiResult result = track(context.getBean(UmamiTracker.class), UmamiEvent.event("e").url("/").build());
			assertThat(result).isInstanceOfSatisfying(Failed.class,
					(failed) -> assertThat(failed.cause()).isNotInstanceOf(UmamiHttpException.class)
						.hasStackTraceContaining("Connection refused"));
		});
	}

	@Test
	void sendsToTheConfiguredSendPathUnderTheHostsBasePath() {
		answerWith(UmamiFixture.load("send-event-accepted"));
		this.contextRunner
			.withPropertyValues("umami.host-url=" + this.server.getHostUrl() + "/umami", "umami.send-path=/api/collect")
			.run((context) -> {
				track(context.getBean(UmamiTracker.class), UmamiEvent.event("e").url("/").build());
				assertThat(takeRequest().path()).isEqualTo("/umami/api/collect");
			});
	}

	@Test
	void senderThreadInheritsNeitherThreadLocalsNorClassLoaderOfTheThreadThatStartsIt() throws Exception {
		answerWith(UmamiFixture.load("send-event-accepted"));
		InheritableThreadLocal<String> securityContext = new InheritableThreadLocal<>();
		ClassLoader requestClassLoader = new URLClassLoader(new URL[0], getClass().getClassLoader());
		Map<String, Object> seenBySender = new ConcurrentHashMap<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		// The thread that starts the application and tracks its first event, as a request
		// thread with a security context and a web application's class loader would
		Thread starter = new Thread(() -> {
			securityContext.set("alice");
			Thread.currentThread().setContextClassLoader(requestClassLoader);
			try {
				this.contextRunner.withBean(UmamiWebClientCustomizer.class,
						() -> (builder) -> builder.filter(ExchangeFilterFunction.ofRequestProcessor((request) -> {
							seenBySender.put("thread", Thread.currentThread().getName());
							seenBySender.put("inherited", Optional.ofNullable(securityContext.get()));
							seenBySender.put("classLoader", Thread.currentThread().getContextClassLoader());
							return Mono.just(request);
						})))
					.run((context) -> {
						UmamiTracker tracker = context.getBean(UmamiTracker.class);
						tracker.track(UmamiEvent.event("first").url("/").build());
						StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
					});
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "request-thread");
		starter.start();
		starter.join(TIMEOUT.toMillis() * 2);
		assertThat(failure.get()).isNull();
		assertThat(takeRequest().path()).isEqualTo("/api/send");
		assertThat(seenBySender).containsEntry("thread", "umami-sender")
			.containsEntry("inherited", Optional.empty())
			.containsEntry("classLoader", DefaultUmamiTracker.class.getClassLoader());
	}

	@Test
	void trackIsLazy() {
		this.contextRunner.run((context) -> {
			Mono<UmamiResult> unsubscribed = context.getBean(UmamiTracker.class)
				.send(UmamiEvent.event("e").data(Map.of()).build());
			assertThatExceptionOfType(AssertionError.class).as("request before subscription")
				.isThrownBy(() -> this.server.awaitRequests(1, Duration.ofMillis(200)));
			answerWith(UmamiFixture.load("send-event-accepted"));
			assertThat(unsubscribed.block(TIMEOUT)).isInstanceOf(Accepted.class);
			assertThat(takeRequest().path()).isEqualTo("/api/send");
		});
	}

	private UmamiResult track(UmamiTracker tracker, UmamiEvent event) {
		List<UmamiResult> results = new ArrayList<>();
		StepVerifier.create(tracker.send(event)).consumeNextWith(results::add).expectComplete().verify(TIMEOUT);
		return results.get(0);
	}

	/**
	 * Answer the next request with a recorded answer of Umami.
	 */
	private void answerWith(UmamiFixture fixture) {
		this.server.respondWith(fixture.status(), fixture.responseBody(), 1);
	}

	private ReceivedRequest takeRequest() {
		this.taken++;
		return this.server.awaitRequests(this.taken, TIMEOUT).get(this.taken - 1);
	}

	private static void assertBody(ReceivedRequest request, UmamiFixture fixture) throws Exception {
		JSONAssert.assertEquals(fixture.requestBody(), request.body(), JSONCompareMode.STRICT);
	}

	private static String tokenOf(UmamiFixture fixture) {
		int start = fixture.responseBody().indexOf("\"cache\":\"") + 9;
		return fixture.responseBody().substring(start, fixture.responseBody().indexOf('"', start));
	}

	@Configuration(proxyBeanMethods = false)
	static class LeakyWebClientConfiguration {

		final AtomicInteger filtered = new AtomicInteger();

		@Bean
		WebClientCustomizer applicationWideCustomizer() {
			return (builder) -> builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer app-secret")
				.defaultCookie("SESSION", "app-session")
				.filter(ExchangeFilterFunction.ofRequestProcessor((request) -> {
					this.filtered.incrementAndGet();
					return Mono.just(ClientRequest.from(request)
						.header("X-Internal", "internal")
						.header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
						.build());
				}));
		}

		@Bean
		UmamiWebClientCustomizer basicAuthCustomizer() {
			// A protected Umami, behind a proxy that asks for Basic authentication
			return (builder) -> builder.defaultHeaders((headers) -> headers.setBasicAuth("umami", "secret"));
		}

		@Bean
		UmamiWebClientCustomizer proxyTokenCustomizer() {
			return (builder) -> builder.filter(ExchangeFilterFunction.ofRequestProcessor((request) -> Mono
				.just(ClientRequest.from(request).header("X-Proxy-Token", "from-umami-customizer").build())));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AddressHeadersConfiguration {

		@Bean
		UmamiWebClientCustomizer addressHeadersCustomizer() {
			return (builder) -> builder.defaultHeader("X-Forwarded-For", "203.0.113.7")
				.filter(ExchangeFilterFunction.ofRequestProcessor((request) -> Mono.just(ClientRequest.from(request)
					.header("CF-Connecting-IP", "203.0.113.8")
					.header("Forwarded", "for=203.0.113.9")
					.header("X-Other", "kept")
					.build())));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizersConfiguration {

		final List<String> applied = new ArrayList<>();

		@Bean
		@Order(2)
		UmamiWebClientCustomizer second() {
			return (builder) -> this.applied.add("second");
		}

		@Bean
		@Order(1)
		UmamiWebClientCustomizer first() {
			return (builder) -> this.applied.add("first");
		}

	}

}
