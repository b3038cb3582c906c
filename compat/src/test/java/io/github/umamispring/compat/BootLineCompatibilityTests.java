package io.github.umamispring.compat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.umamispring.UmamiTracker;
import io.github.umamispring.compat.reactive.CompatReactiveApplication;
import io.github.umamispring.compat.servlet.CompatServletApplication;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.BasicJsonParser;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts real servlet and reactive applications of the Boot line this module builds
 * against, with the dependency the README documents for it, and checks what the README
 * promises: events from {@code @TrackEvent} reach a loopback Umami with the visitor,
 * revenue and event processors, health, metrics, dry run and fail-fast configuration
 * errors.
 *
 * @author umami-spring-boot contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class BootLineCompatibilityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final MockUmamiServer umami = MockUmamiServer.start();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.umami.close();
	}

	@Test
	void runsOnTheBootLineOfThisModule() {
		String expected = System.getProperty("compat.boot-version");
		assertThat(expected).as("the build passes the Boot version this module is for").isNotBlank();
		assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void recordsTrackEventWithTheVisitor(Stack stack) throws Exception {
		ConfigurableApplicationContext context = start(stack, "umami.host-url=" + this.umami.getHostUrl(),
				"umami.website-id=" + this.umami.getWebsiteId());
		HttpResponse<String> response = get(context, "/signup?plan=pro");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("signed up for pro");
		ReceivedEvent event = this.umami.awaitEvents(1, TIMEOUT).get(0);
		assertThat(event.name()).isEqualTo("signup");
		assertThat(event.website()).isEqualTo(this.umami.getWebsiteId());
		assertThat(event.url()).isEqualTo("/signup?plan=pro");
		assertThat(event.hostname()).isEqualTo("127.0.0.1");
		assertThat(event.referrer()).isEqualTo("https://news.example.com/");
		assertThat(event.language()).isEqualTo("de-DE");
		assertThat(event.userAgent()).isEqualTo(FIREFOX);
		assertThat(event.ip()).isEqualTo("127.0.0.1");
		assertThat(event.data()).containsEntry("plan", "pro").containsEntry("stack", stack.name().toLowerCase());
		assertThat(event.request().header("User-Agent")).isEqualTo(FIREFOX);
		// Umami's answers are a few hundred bytes: not asked for compressed
		assertThat(event.request().header("Accept-Encoding")).isNull();
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void sendsWithTheConnectorBootsHttpClientSettingsChoose(Stack stack) throws Exception {
		// The JDK's client asks an http:// server to upgrade to h2c; Reactor Netty does
		// not
		ConfigurableApplicationContext context = start(stack, "umami.host-url=" + this.umami.getHostUrl(),
				"umami.website-id=" + this.umami.getWebsiteId(), "spring.http.clients.reactive.connector=jdk",
				"spring.http.reactiveclient.connector=jdk");
		assertThat(get(context, "/signup?plan=pro").statusCode()).isEqualTo(200);
		ReceivedEvent event = this.umami.awaitEvents(1, TIMEOUT).get(0);
		assertThat(event.request().header("Upgrade")).isEqualTo("h2c");
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void startsInDryRunWithoutHostUrl(Stack stack, CapturedOutput output) throws Exception {
		ConfigurableApplicationContext context = start(stack);
		assertThat(context.getBean(UmamiTracker.class)).isInstanceOf(DefaultUmamiTracker.class);
		assertThat(get(context, "/signup?plan=free").statusCode()).isEqualTo(200);
		context.getBean(UmamiTracker.class).flush().block(TIMEOUT);
		assertThat(output).contains("Umami runs in dry-run mode").contains("\"name\":\"signup\"");
		assertThat(this.umami.requests()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	@SuppressWarnings("unchecked")
	void reportsHealthAndMetrics(Stack stack) throws Exception {
		ConfigurableApplicationContext context = start(stack, "umami.host-url=" + this.umami.getHostUrl(),
				"umami.website-id=" + this.umami.getWebsiteId(), "management.endpoint.health.show-details=always");
		HttpResponse<String> health = get(context, "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		Map<String, Object> components = (Map<String, Object>) new BasicJsonParser().parseMap(health.body())
			.get("components");
		assertThat(components).extractingByKey("umami")
			.isEqualTo(Map.of("status", "UP", "details", Map.of("host", this.umami.getHostUrl())));
		assertThat(this.umami.requests("/api/heartbeat")).isNotEmpty();
		get(context, "/signup?plan=pro");
		this.umami.awaitEvents(1, TIMEOUT);
		context.getBean(UmamiTracker.class).flush().block(TIMEOUT);
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		assertThat(meters.get("umami.events").tag("outcome", "accepted").counter().count()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void recordsRevenueAndAppliesEventProcessorBeansInTheirOrder(Stack stack) throws Exception {
		ConfigurableApplicationContext context = startWithCheckout(stack);
		String path = "/checkout/o-1?total=19.99&currency=eur&variant=spring-sale";
		assertThat(get(context, path).statusCode()).isEqualTo(200);
		ReceivedEvent event = this.umami.awaitEvents(1, TIMEOUT).get(0);
		JSONAssert.assertEquals("{\"type\":\"event\",\"payload\":{\"website\":\"" + this.umami.getWebsiteId()
				+ "\",\"hostname\":\"127.0.0.1\",\"language\":\"de-DE\",\"referrer\":\"https://news.example.com/\","
				+ "\"url\":\"" + path + "\",\"name\":\"checkout\",\"tag\":\"spring-sale\",\"data\":{\"revenue\":19.99,"
				+ "\"currency\":\"EUR\",\"order\":\"o-1\",\"environment\":\"compat\",\"release\":\"1.4.2-compat\"},"
				+ "\"ip\":\"127.0.0.1\",\"userAgent\":\"" + FIREFOX + "\"}}", event.json(), JSONCompareMode.STRICT);
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void dropsWhatAnEventProcessorBeanDropsCountedAsDropped(Stack stack) throws Exception {
		ConfigurableApplicationContext context = startWithCheckout(stack);
		assertThat(get(context, "/checkout/test-1?total=5&currency=EUR&variant=a").statusCode()).isEqualTo(200);
		assertThat(get(context, "/checkout/o-2?total=5&currency=EUR&variant=a").statusCode()).isEqualTo(200);
		this.umami.awaitEvents(1, TIMEOUT);
		context.getBean(UmamiTracker.class).flush().block(TIMEOUT);
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		assertThat(meters.get("umami.events").tag("outcome", "dropped").counter().count()).isEqualTo(1);
		assertThat(this.umami.events()).singleElement()
			.satisfies((event) -> assertThat(event.data()).containsEntry("order", "o-2"));
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void masksTheApiKeyInTheActuatorWhateverShowValuesSays(Stack stack) throws Exception {
		String apiKey = "compat-secret-key";
		ConfigurableApplicationContext context = start(stack, "umami.host-url=" + this.umami.getHostUrl(),
				"umami.website-id=" + this.umami.getWebsiteId(), "umami.api-key=" + apiKey,
				"management.endpoints.web.exposure.include=health,env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always");
		for (String endpoint : List.of("/actuator/env/umami.api-key", "/actuator/configprops/umami")) {
			HttpResponse<String> response = get(context, endpoint);
			assertThat(response.statusCode()).as(endpoint).isEqualTo(200);
			assertThat(response.body()).as(endpoint).doesNotContain(apiKey).contains("******");
		}
		assertThat(get(context, "/actuator/configprops/umami").body()).contains(this.umami.getWebsiteId());
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void failsAtStartupOnAnInvalidWebsiteId(Stack stack, CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> start(stack, "umami.host-url=" + this.umami.getHostUrl(), "umami.website-id=not-a-uuid"));
		assertThat(output).contains("APPLICATION FAILED TO START").contains("umami.website-id");
	}

	@Test
	void shipsConfigurationMetadataForEveryLine() throws IOException {
		String metadata = StreamUtils.copyToString(
				new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream(),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(metadata).contains("\"name\": \"umami.host-url\"").contains("\"name\": \"umami.website-id\"");
	}

	/**
	 * Start an application with what {@link CompatCheckout} adds: a {@code @TrackEvent}
	 * checkout with revenue and event processor beans.
	 */
	private ConfigurableApplicationContext startWithCheckout(Stack stack) {
		return start(stack, "umami.host-url=" + this.umami.getHostUrl(),
				"umami.website-id=" + this.umami.getWebsiteId(),
				"spring.main.sources=" + CompatCheckout.class.getName());
	}

	private ConfigurableApplicationContext start(Stack stack, String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--management.endpoints.web.exposure.include=health", "--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(stack.application).web(stack.type)
			.run(args.toArray(String[]::new));
		this.contexts.add(context);
		return context;
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path)
			throws IOException, InterruptedException {
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("User-Agent", FIREFOX)
			.header("Referer", "https://news.example.com/")
			.header("Accept-Language", "de-DE,de;q=0.9,en;q=0.8")
			.timeout(TIMEOUT)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	enum Stack {

		SERVLET(CompatServletApplication.class, WebApplicationType.SERVLET),

		REACTIVE(CompatReactiveApplication.class, WebApplicationType.REACTIVE);

		private final Class<?> application;

		private final WebApplicationType type;

		Stack(Class<?> application, WebApplicationType type) {
			this.application = application;
			this.type = type;
		}

	}

}
