package io.github.umamispring.autoconfigure;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.umamispring.NoOpUmamiTracker;
import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedRequest;
import io.github.umamispring.transport.UmamiWebClientCustomizer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link UmamiAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class UmamiAutoConfigurationTests {

	private static final String WEBSITE_ID = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UmamiAutoConfiguration.class))
		.withUserConfiguration(CountingCustomizerConfiguration.class);

	@Test
	void runsInDryRunModeWithoutHostUrl(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DefaultUmamiTracker.class);
			assertThat(output).containsOnlyOnce("Umami runs in dry-run mode because 'umami.host-url' is not set");
			assertThat(customizerCalls(context)).as("no HTTP client created").isZero();
			UmamiResult result = context.getBean(UmamiTracker.class)
				.send(UmamiEvent.event("signup").url("/signup").data("plan", "pro").build())
				.block(Duration.ofSeconds(5));
			assertThat(result).isInstanceOf(UmamiResult.Dropped.class);
			assertThat(output).contains(
					"Umami dry run, would send {\"type\":\"event\",\"payload\":{\"url\":\"/signup\",\"name\":\"signup\",\"data\":{\"plan\":\"pro\"}}}");
			context.getBean(UmamiTracker.class).track(UmamiEvent.event("submitted").url("/jobs").build());
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(output).contains("\"url\":\"/jobs\",\"name\":\"submitted\""));
			assertThat(output).as("dry run is not a problem to warn about").doesNotContain("WARN");
		});
	}

	@Test
	void dryRunPropertyLogsInsteadOfSendingToConfiguredHost(CapturedOutput output) {
		try (MockUmamiServer server = MockUmamiServer.start()) {
			this.contextRunner
				.withPropertyValues("umami.host-url=" + server.getHostUrl(), "umami.website-id=" + WEBSITE_ID,
						"umami.dry-run=true")
				.run((context) -> {
					context.getBean(UmamiTracker.class)
						.send(UmamiEvent.event("signup").build())
						.block(Duration.ofSeconds(5));
					assertThat(output).contains("Umami runs in dry-run mode ('umami.dry-run=true')")
						.contains("\"website\":\"" + WEBSITE_ID + "\"");
					assertThat(customizerCalls(context)).isZero();
					// flushed: the event was handled without a request
					context.getBean(UmamiTracker.class).flush().block(Duration.ofSeconds(5));
					assertThat(server.requests()).isEmpty();
				});
		}
	}

	@Test
	void sendsWithPlainWebClientBuilderWhenBootProvidesNone() {
		try (MockUmamiServer server = MockUmamiServer.start()) {
			this.contextRunner
				.withPropertyValues("umami.host-url=" + server.getHostUrl(), "umami.website-id=" + WEBSITE_ID)
				.run((context) -> {
					assertThat(context).doesNotHaveBean(WebClient.Builder.class);
					UmamiResult result = context.getBean(UmamiTracker.class)
						.send(UmamiEvent.event("signup").build())
						.block(Duration.ofSeconds(10));
					assertThat(result).isInstanceOf(UmamiResult.Accepted.class);
					ReceivedRequest request = server.awaitRequests(1, Duration.ofSeconds(5)).get(0);
					assertThat(request.header("User-Agent")).isEqualTo(UmamiProperties.DEFAULT_USER_AGENT);
					assertThat(customizerCalls(context)).isOne();
				});
		}
	}

	@Test
	void connectsWithBootsHttpClientSettingsAndConnectorCustomizers() {
		try (MockUmamiServer proxy = MockUmamiServer.start()) {
			// Boot's connector choice and a customizer typed for it (the usual way to set
			// a
			// proxy): only if both reach Umami's client does the request go through the
			// proxy
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
						ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
						UmamiAutoConfiguration.class))
				.withBean(ClientHttpConnectorBuilderCustomizer.class,
						() -> (ClientHttpConnectorBuilderCustomizer<JdkClientHttpConnectorBuilder>) (builder) -> builder
							.withHttpClientCustomizer((client) -> client
								.proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.getPort())))))
				.withPropertyValues("spring.http.clients.reactive.connector=jdk", "umami.host-url=http://umami.invalid",
						"umami.website-id=" + WEBSITE_ID)
				.run((context) -> {
					UmamiResult result = context.getBean(UmamiTracker.class)
						.send(UmamiEvent.event("signup").build())
						.block(Duration.ofSeconds(10));
					assertThat(result).isInstanceOf(UmamiResult.Accepted.class);
					ReceivedRequest request = proxy.awaitRequests(1, Duration.ofSeconds(5)).get(0);
					assertThat(request.header("Host")).isEqualTo("umami.invalid");
					assertThat(request.path()).isEqualTo("/api/send");
				});
		}
	}

	@Test
	void registersDoNothingTrackerWhenDisabled() {
		this.contextRunner
			.withPropertyValues("umami.enabled=false", "umami.host-url=http://localhost:1",
					"umami.website-id=" + WEBSITE_ID)
			.run((context) -> {
				assertThat(context).hasSingleBean(UmamiTracker.class).hasSingleBean(NoOpUmamiTracker.class);
				assertThat(customizerCalls(context)).isZero();
				UmamiTracker tracker = context.getBean(UmamiTracker.class);
				tracker.track(UmamiEvent.event("e").build());
				assertThat(tracker.send(UmamiEvent.event("e").build()).block(Duration.ofSeconds(1)))
					.isEqualTo(new UmamiResult.Dropped("Umami tracking is disabled"));
			});
	}

	@Test
	void disabledTrackerDoesNotValidateConfiguration() {
		this.contextRunner.withPropertyValues("umami.enabled=false", "umami.website-id=not-a-uuid")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(NoOpUmamiTracker.class));
	}

	@Test
	void backsOffWhenUserDefinesTracker() {
		this.contextRunner.withUserConfiguration(UserTrackerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(UmamiTracker.class)
				.getBean(UmamiTracker.class)
				.isSameAs(context.getBean(UserTrackerConfiguration.class).tracker));
	}

	@Test
	void backsOffWhenUserDefinesTrackerAndTrackingIsDisabled() {
		this.contextRunner.withUserConfiguration(UserTrackerConfiguration.class)
			.withPropertyValues("umami.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(UmamiTracker.class)
				.doesNotHaveBean(NoOpUmamiTracker.class));
	}

	@Test
	void usesConnectionDetailsBeanInsteadOfProperties(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ConnectionDetailsConfiguration.class)
			.withPropertyValues("umami.dry-run=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(UmamiConnectionDetails.class)
					.doesNotHaveBean(PropertiesUmamiConnectionDetails.class);
				context.getBean(UmamiTracker.class).send(UmamiEvent.event("e").build()).block(Duration.ofSeconds(5));
				assertThat(output).contains("sent to http://umami.example.com")
					.contains("\"website\":\"" + WEBSITE_ID + "\"");
			});
	}

	@Test
	void propertiesConnectionDetailsProvideApiKey() {
		this.contextRunner
			.withPropertyValues("umami.host-url=http://umami.example.com", "umami.website-id=" + WEBSITE_ID,
					"umami.api-key=secret-key-123")
			.run((context) -> assertThat(context.getBean(UmamiConnectionDetails.class).getApiKey())
				.isEqualTo("secret-key-123"));
	}

	@Test
	void sendsApiKeyOfConnectionDetailsBean() {
		assertThat(apiKeySentWithConnectionDetails("key-from-connection-details"))
			.isEqualTo("key-from-connection-details");
	}

	@Test
	void sendsNoApiKeyWhenConnectionDetailsBeanHasNone() {
		assertThat(apiKeySentWithConnectionDetails(null)).isNull();
	}

	/**
	 * Send an event with a {@link UmamiConnectionDetails} bean holding the given API key,
	 * and {@code umami.api-key} set too, and return the API key header Umami received.
	 */
	private @Nullable String apiKeySentWithConnectionDetails(@Nullable String apiKey) {
		try (MockUmamiServer server = MockUmamiServer.start()) {
			AtomicReference<@Nullable String> sent = new AtomicReference<>();
			this.contextRunner.withBean(UmamiConnectionDetails.class, () -> new UmamiConnectionDetails() {

				@Override
				public String getHostUrl() {
					return server.getHostUrl();
				}

				@Override
				public String getWebsiteId() {
					return WEBSITE_ID;
				}

				@Override
				public @Nullable String getApiKey() {
					return apiKey;
				}

			}).withPropertyValues("umami.api-key=key-from-properties").run((context) -> {
				UmamiResult result = context.getBean(UmamiTracker.class)
					.send(UmamiEvent.event("signup").build())
					.block(Duration.ofSeconds(10));
				assertThat(result).isInstanceOf(UmamiResult.Accepted.class);
				sent.set(server.awaitRequests(1, Duration.ofSeconds(5)).get(0).header("x-umami-api-key"));
			});
			return sent.get();
		}
	}

	@Test
	void backsOffWithoutWebClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(UmamiTracker.class));
	}

	@Test
	void warnsAtStartupWhenApiKeyWouldBeSentInClearText(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("umami.host-url=http://analytics.example.com", "umami.website-id=" + WEBSITE_ID,
					"umami.api-key=secret-key-123")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DefaultUmamiTracker.class);
				assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN "))).singleElement()
					.asString()
					.contains("'umami.api-key' is sent in clear text to http://analytics.example.com")
					.contains("Set 'umami.host-url' to an https URL")
					.doesNotContain("secret-key-123");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://analytics.example.com", "http://localhost:3000", "http://127.0.0.1:3000",
			"http://[::1]:3000", "http://umami.localhost" })
	void doesNotWarnOfAnApiKeySentOverHttpsOrToThisMachine(String hostUrl, CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("umami.host-url=" + hostUrl, "umami.website-id=" + WEBSITE_ID,
					"umami.api-key=secret-key-123")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DefaultUmamiTracker.class);
				assertThat(output).doesNotContain("clear text");
			});
	}

	@Test
	void doesNotWarnOfPlainHttpWithoutApiKey(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("umami.host-url=http://analytics.example.com", "umami.website-id=" + WEBSITE_ID)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DefaultUmamiTracker.class);
				assertThat(output).doesNotContain("clear text");
			});
	}

	@Test
	void failsWhenWebsiteIdIsNotAUuid() {
		assertInvalid(this.contextRunner.withPropertyValues("umami.website-id=my-site"), "umami.website-id", "my-site",
				"Set 'umami.website-id' to the website ID shown in Umami");
	}

	@Test
	void failsWhenHostUrlIsNotAbsolute() {
		assertInvalid(
				this.contextRunner.withPropertyValues("umami.host-url=cloud.umami.is",
						"umami.website-id=" + WEBSITE_ID),
				"umami.host-url", "cloud.umami.is", "Set 'umami.host-url' to the base URL of your Umami server");
	}

	@Test
	void failsWhenHostUrlIsNotHttp() {
		assertInvalid(
				this.contextRunner.withPropertyValues("umami.host-url=ftp://umami.example.com",
						"umami.website-id=" + WEBSITE_ID),
				"umami.host-url", "ftp://umami.example.com",
				"absolute http or https URL. Set 'umami.host-url' to the base URL");
	}

	@Test
	void failsWhenHostUrlIsUmamiCloudsReadApi() {
		assertInvalid(
				this.contextRunner.withPropertyValues("umami.host-url=https://api.umami.is/v1",
						"umami.website-id=" + WEBSITE_ID),
				"umami.host-url", "https://api.umami.is/v1",
				"answers 405 to events. Set 'umami.host-url' to https://cloud.umami.is");
	}

	@Test
	void failsWhenHostUrlAlreadyContainsSendPath() {
		assertInvalid(
				this.contextRunner.withPropertyValues("umami.host-url=https://cloud.umami.is/api/send",
						"umami.website-id=" + WEBSITE_ID),
				"umami.host-url", "https://cloud.umami.is/api/send",
				"already ends with the collection path, which the starter appends itself. Set 'umami.host-url' to the server's base URL, without /api/send");
	}

	@Test
	void failsWhenHostUrlIsSetWithoutWebsiteId() {
		assertInvalid(this.contextRunner.withPropertyValues("umami.host-url=https://cloud.umami.is"),
				"umami.website-id", "(not set)", "Set 'umami.website-id'");
	}

	@Test
	void failsWhenSendPathIsRelative() {
		assertInvalid(this.contextRunner.withPropertyValues("umami.send-path=api/send"), "umami.send-path", "api/send",
				"Set 'umami.send-path'");
	}

	@Test
	void reportsInvalidPropertyWithWhereItWasSetWhenApplicationFailsToStart(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(MinimalApplication.class)
			.web(WebApplicationType.NONE)
			.properties("umami.host-url=https://cloud.umami.is", "umami.website-id=abc");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'abc' for configuration property 'umami.website-id'")
			.contains("Umami identifies websites by UUID")
			.contains("Set 'umami.website-id' to the website ID shown in Umami");
	}

	private void assertInvalid(ApplicationContextRunner runner, String property, String expectedValue,
			String expectedInReason) {
		runner.run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo(property);
				assertThat(ex.getValue()).hasToString(expectedValue);
				assertThat(ex.getReason()).contains(expectedInReason);
			}));
	}

	private static int customizerCalls(AssertableApplicationContext context) {
		return context.getBean(CountingCustomizerConfiguration.class).calls.get();
	}

	@Configuration(proxyBeanMethods = false)
	static class CountingCustomizerConfiguration {

		final AtomicInteger calls = new AtomicInteger();

		@Bean
		UmamiWebClientCustomizer countingCustomizer() {
			return (builder) -> this.calls.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTrackerConfiguration {

		final UmamiTracker tracker = new UmamiTracker() {

			@Override
			public void track(UmamiEvent event) {
			}

			@Override
			public Mono<UmamiResult> send(UmamiEvent event) {
				return Mono.empty();
			}

		};

		@Bean
		UmamiTracker userTracker() {
			return this.tracker;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionDetailsConfiguration {

		@Bean
		UmamiConnectionDetails customUmamiConnectionDetails() {
			return new UmamiConnectionDetails() {

				@Override
				public @Nullable String getHostUrl() {
					return "http://umami.example.com";
				}

				@Override
				public @Nullable String getWebsiteId() {
					return WEBSITE_ID;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class MinimalApplication {

	}

}
