package io.github.umamispring.compat;

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

import io.github.umamispring.compat.reactive.CompatReactiveApplication;
import io.github.umamispring.compat.servlet.CompatServletApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.BasicJsonParser;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code umami} health component of servlet and reactive applications of the Boot
 * line this module builds against, asked over HTTP while nothing listens at Umami's
 * address: an analytics outage leaves the application UP, unless Umami is declared
 * critical.
 *
 * @author umami-spring-boot contributors
 */
class HealthCompatibilityTests {

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
	@CsvSource({ "SERVLET, false, 200, UP, UNAVAILABLE", "REACTIVE, false, 200, UP, UNAVAILABLE",
			"SERVLET, true, 503, DOWN, DOWN", "REACTIVE, true, 503, DOWN, DOWN" })
	@SuppressWarnings("unchecked")
	void reportsAnUnreachableUmamiWithoutPullingTheApplicationUnlessCritical(WebApplicationType type, boolean critical,
			int httpStatus, String applicationStatus, String umamiStatus) throws Exception {
		String hostUrl = start(type, "--umami.health.critical=" + critical);
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(httpStatus);
		Map<String, Object> body = new BasicJsonParser().parseMap(health.body());
		assertThat(body).containsEntry("status", applicationStatus);
		Map<String, Object> umami = (Map<String, Object>) ((Map<String, Object>) body.get("components")).get("umami");
		assertThat(umami).containsEntry("status", umamiStatus);
		assertThat((Map<String, Object>) umami.get("details")).containsEntry("host", hostUrl).containsKey("error");
		HttpResponse<String> component = get("/actuator/health/umami");
		assertThat(component.statusCode()).isEqualTo(httpStatus);
		assertThat(new BasicJsonParser().parseMap(component.body())).containsEntry("status", umamiStatus);
	}

	private String start(WebApplicationType type, String... properties) throws IOException {
		String hostUrl = "http://127.0.0.1:" + closedPort();
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off", "--management.endpoints.web.exposure.include=health",
				"--management.endpoint.health.show-details=always", "--umami.delivery.shutdown-timeout=1s",
				"--umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f", "--umami.host-url=" + hostUrl));
		args.addAll(List.of(properties));
		Class<?> application = (type == WebApplicationType.SERVLET) ? CompatServletApplication.class
				: CompatReactiveApplication.class;
		this.context = new SpringApplicationBuilder(application).web(type).run(args.toArray(String[]::new));
		return hostUrl;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(TIMEOUT)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
	}

}
