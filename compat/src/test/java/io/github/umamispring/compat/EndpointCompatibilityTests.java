package io.github.umamispring.compat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.compat.reactive.CompatReactiveApplication;
import io.github.umamispring.compat.servlet.CompatServletApplication;
import io.github.umamispring.test.server.MockUmamiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.BasicJsonParser;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code umami} actuator endpoint of servlet and reactive applications of the Boot
 * line this module builds against, written and read over HTTP while they send to a
 * loopback Umami.
 *
 * @author umami-spring-boot contributors
 */
class EndpointCompatibilityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

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
	@SuppressWarnings("unchecked")
	void flushesAndShowsTheResults(WebApplicationType type) throws Exception {
		Class<?> application = (type == WebApplicationType.SERVLET) ? CompatServletApplication.class
				: CompatReactiveApplication.class;
		this.context = new SpringApplicationBuilder(application).web(type)
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
					"--management.endpoints.web.exposure.include=umami", "--umami.host-url=" + this.umami.getHostUrl(),
					"--umami.website-id=" + this.umami.getWebsiteId());
		UmamiTracker tracker = this.context.getBean(UmamiTracker.class);
		tracker.track(UmamiEvent.event("first").build());
		tracker.track(UmamiEvent.event("second").build());
		HttpResponse<String> flush = send(HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(flush.statusCode()).isEqualTo(200);
		assertThat(flush.body()).contains("\"flushed\":true");
		HttpResponse<String> read = send(HttpRequest.newBuilder(uri()).GET());
		assertThat(read.statusCode()).isEqualTo(200);
		Map<String, Object> body = new BasicJsonParser().parseMap(read.body());
		assertThat((Map<String, Object>) body.get("setup")).containsEntry("host", this.umami.getHostUrl())
			.containsEntry("websiteId", this.umami.getWebsiteId());
		assertThat((Map<String, Object>) body.get("results")).isEqualTo(Map.of("accepted", 2L));
	}

	private URI uri() {
		return URI.create("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port")
				+ "/actuator/umami");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
	}

}
