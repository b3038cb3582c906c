package io.github.umamispring.docker.compose;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.autoconfigure.UmamiConnectionDetails;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servlet and reactive applications connected by Spring Boot's Docker Compose support to
 * an {@code umami} service, with no {@code umami.*} connection property. A loopback
 * server answering as Umami 3.1.0 stands in for the service's container (there is no
 * Docker engine here): Boot's listener, this project's factory and the tracker run as
 * they do after {@code docker compose up}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiDockerComposeIntegrationTests {

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0";

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
	void sendsToTheComposeServicesUmami(WebApplicationType type) throws Exception {
		int umamiPort = URI.create(this.umami.getHostUrl()).getPort();
		ComposeStandIn.Service service = new ComposeStandIn.Service("umami", "ghcr.io/umami-software/umami:3.1.0",
				"127.0.0.1", Map.of(3000, umamiPort),
				Map.of(UmamiDockerComposeConnectionDetailsFactory.WEBSITE_ID_LABEL, this.umami.getWebsiteId()));
		this.context = new SpringApplicationBuilder(ComposeApplication.class).web(type)
			.listeners(ComposeStandIn.servicesReady(service))
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"spring.docker.compose.enabled=false", "umami.delivery.shutdown-timeout=1s")
			.run();
		UmamiConnectionDetails connectionDetails = this.context.getBean(UmamiConnectionDetails.class);
		assertThat(connectionDetails)
			.isInstanceOf(UmamiDockerComposeConnectionDetailsFactory.UmamiDockerComposeConnectionDetails.class);
		assertThat(connectionDetails.getHostUrl()).isEqualTo("http://127.0.0.1:" + umamiPort);
		String port = this.context.getEnvironment().getProperty("local.server.port");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signup"))
				.header("User-Agent", FIREFOX)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedEvent event = this.umami.awaitEvents(1, Duration.ofSeconds(10)).get(0);
		assertThat(event.name()).isEqualTo("signup");
		assertThat(event.website()).isEqualTo(this.umami.getWebsiteId());
		assertThat(event.userAgent()).isEqualTo(FIREFOX);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SignupController.class)
	static class ComposeApplication {

	}

	@RestController
	static class SignupController {

		@GetMapping("/signup")
		@TrackEvent("signup")
		Mono<String> signup() {
			return Mono.just("signed up");
		}

	}

}
