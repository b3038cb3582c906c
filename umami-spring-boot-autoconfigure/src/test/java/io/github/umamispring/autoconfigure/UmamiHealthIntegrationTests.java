package io.github.umamispring.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.BasicJsonParser;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code umami} health component of real servlet and reactive applications, asked
 * over HTTP while nothing listens at Umami's address: the application stays UP unless
 * Umami is declared critical.
 *
 * @author umami-spring-boot contributors
 */
class UmamiHealthIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "SERVLET", "REACTIVE" })
	void keepsTheApplicationUpWhenUmamiIsUnreachable(WebApplicationType type) throws Exception {
		String hostUrl = start(type);
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		Map<String, Object> body = json(health);
		assertThat(body).containsEntry("status", "UP");
		assertThat(umamiComponent(body)).containsEntry("status", "UNAVAILABLE")
			.containsEntry("description",
					"Umami cannot be reached or answers with an error; not counted in the application's health")
			.extractingByKey("details")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("host", hostUrl)
			.hasEntrySatisfying("error", (error) -> assertThat(error).asString().isNotBlank());
		HttpResponse<String> umami = get("/actuator/health/umami");
		assertThat(umami.statusCode()).isEqualTo(200);
		assertThat(json(umami)).containsEntry("status", "UNAVAILABLE");
	}

	@ParameterizedTest
	@EnumSource(names = { "SERVLET", "REACTIVE" })
	void turnsTheApplicationDownWhenUmamiIsCritical(WebApplicationType type) throws Exception {
		start(type, "umami.health.critical=true");
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(json(health)).containsEntry("status", "DOWN");
		assertThat(umamiComponent(json(health))).containsEntry("status", "DOWN");
		HttpResponse<String> umami = get("/actuator/health/umami");
		assertThat(umami.statusCode()).isEqualTo(503);
		assertThat(json(umami)).containsEntry("status", "DOWN");
	}

	private String start(WebApplicationType type, String... properties) throws IOException {
		String hostUrl = "http://127.0.0.1:" + closedPort();
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always", "umami.delivery.shutdown-timeout=1s",
				"umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f", "umami.host-url=" + hostUrl));
		all.addAll(List.of(properties));
		this.context = new SpringApplicationBuilder(HealthApplication.class).web(type)
			.properties(all.toArray(String[]::new))
			.run();
		return hostUrl;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(TIMEOUT)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static Map<String, Object> json(HttpResponse<String> response) {
		return new BasicJsonParser().parseMap(response.body());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> umamiComponent(Map<String, Object> health) {
		return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("umami");
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HealthApplication {

	}

}
