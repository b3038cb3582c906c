package io.github.umamispring.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.actuate.UmamiEndpoint;
import io.github.umamispring.test.server.MockUmamiServer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code umami} actuator endpoint of real servlet and reactive applications, read and
 * written over HTTP while they send to a loopback Umami.
 *
 * @author umami-spring-boot contributors
 */
class UmamiEndpointIntegrationTests {

	private static final String BRAND_B = "8b1e3f4a-2c5d-4e6f-8a9b-0c1d2e3f4a5b";

	private static final String BRAND_C = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String VISITOR_IP = "203.0.113.77";

	private static final String VISITOR_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 visitor-agent";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final MockUmamiServer umami = MockUmamiServer.start();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.umami.close();
	}

	@ParameterizedTest
	@EnumSource(names = { "SERVLET", "REACTIVE" })
	void showsTheSetupTheQueueTheResultsAndTheRecentProblems(WebApplicationType type) throws Exception {
		start(type, "umami.host-url=" + this.umami.getHostUrl(), "umami.website-id=" + this.umami.getWebsiteId());
		UmamiTracker tracker = this.context.getBean(UmamiTracker.class);
		this.umami.respondWith(400, "{\"error\":\"Bad request\"}", 1);
		tracker.track(UmamiEvent.event("refused").ip(VISITOR_IP).userAgent(VISITOR_AGENT).build());
		tracker.track(UmamiEvent.event("stored").ip(VISITOR_IP).userAgent(VISITOR_AGENT).build());
		tracker.track(UmamiEvent.event("stored-too").ip(VISITOR_IP).userAgent(VISITOR_AGENT).build());
		HttpResponse<String> flush = post("/actuator/umami");
		assertThat(flush.statusCode()).isEqualTo(200);
		assertThat(json(flush)).containsEntry("flushed", true).containsEntry("queueSize", 0);
		HttpResponse<String> read = get("/actuator/umami");
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).doesNotContain(VISITOR_IP, VISITOR_AGENT);
		Map<String, Object> body = json(read);
		assertThat(body).extractingByKey("setup")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("enabled", true)
			.containsEntry("dryRun", false)
			.containsEntry("host", this.umami.getHostUrl())
			.containsEntry("websiteId", this.umami.getWebsiteId());
		assertThat(body).containsEntry("delivering", true);
		assertThat(body).extractingByKey("queue")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("size", 0)
			.containsEntry("capacity", 10_000);
		assertThat(body).extractingByKey("inFlight")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("max", 16)
			.containsKey("limit");
		assertThat(body).extractingByKey("results").isEqualTo(Map.of("accepted", 2, "rejected", 1));
		assertThat(body).extractingByKey("recentProblems")
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.singleElement()
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("problem", "rejected:400:Bad request")
			.containsEntry("occurrences", 1)
			.hasEntrySatisfying("lastOccurred", (last) -> assertThat(last).asString().matches("\\d{4}-.*Z"));
	}

	@ParameterizedTest
	@EnumSource(names = { "SERVLET", "REACTIVE" })
	void saysThatEventsAreOnlyLoggedInADryRun(WebApplicationType type) throws Exception {
		start(type);
		Map<String, Object> body = json(get("/actuator/umami"));
		assertThat(body).extractingByKey("setup")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("enabled", true)
			.containsEntry("dryRun", true)
			.containsEntry("websites", Map.of())
			.doesNotContainKey("host");
	}

	@ParameterizedTest
	@EnumSource(names = { "SERVLET", "REACTIVE" })
	void showsTheWebsitesChosenByHostnameAsTheTrackerMatchesThem(WebApplicationType type) throws Exception {
		start(type, "umami.websites[0].website-id=" + BRAND_B, "umami.websites[0].hostnames=Brand-B.example.org.",
				"umami.websites[1].website-id=" + BRAND_C,
				"umami.websites[1].hostnames=brand-c.example.net,*.brand-c.example.net",
				"umami.websites[2].website-id=" + BRAND_B, "umami.websites[2].hostnames=*.brand-b.example.org");
		Map<String, Object> body = json(get("/actuator/umami"));
		assertThat(body).extractingByKey("setup")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("websites", Map.of(BRAND_B, List.of("brand-b.example.org", "*.brand-b.example.org"), BRAND_C,
					List.of("brand-c.example.net", "*.brand-c.example.net")));
	}

	@ParameterizedTest
	@EnumSource(names = { "SERVLET", "REACTIVE" })
	void isNotThereUnlessExposed(WebApplicationType type) throws Exception {
		this.context = new SpringApplicationBuilder(EndpointApplication.class).web(type)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"umami.host-url=" + this.umami.getHostUrl(), "umami.website-id=" + this.umami.getWebsiteId())
			.run();
		assertThat(get("/actuator/umami").statusCode()).isEqualTo(404);
		assertThat(this.context.getBeansOfType(UmamiEndpoint.class)).isEmpty();
	}

	private void start(WebApplicationType type, String... properties) {
		List<String> all = new ArrayList<>(
				List.of("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
						"management.endpoints.web.exposure.include=umami", "umami.delivery.batch.enabled=false"));
		all.addAll(List.of(properties));
		this.context = new SpringApplicationBuilder(EndpointApplication.class).web(type)
			.properties(all.toArray(String[]::new))
			.run();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path) throws Exception {
		return this.http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(HttpResponse<String> response) {
		return JsonMapper.shared().readValue(response.body(), Map.class);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EndpointApplication {

	}

}
