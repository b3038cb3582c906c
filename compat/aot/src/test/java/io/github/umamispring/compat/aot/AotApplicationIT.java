package io.github.umamispring.compat.aot;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link AotApplication} from the code {@code process-aot} generated, with
 * {@code spring.aot.enabled=true}, and records an event through {@code @TrackEvent}.
 *
 * @author umami-spring-boot contributors
 */
class AotApplicationIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0";

	@Test
	void nativeImageMetadataHoldsTheStartersHints() throws Exception {
		String metadata = StreamUtils.copyToString(new ClassPathResource(
				"META-INF/native-image/io.github.umamispring/umami-compat-aot/reachability-metadata.json")
			.getInputStream(), StandardCharsets.UTF_8);
		assertThat(metadata).contains("io.github.umamispring.aop.TrackEventExpressionEvaluator$TrackEventRootObject")
			.contains("io.github.umamispring.annotation.TrackEvent")
			.contains("io.github.umamispring.autoconfigure.UmamiProperties");
	}

	@Test
	void recordsTrackEventInAnApplicationProcessedAheadOfTime() throws Exception {
		assertThat(AotDetector.useGeneratedArtifacts()).as("spring.aot.enabled").isTrue();
		assertThat(ClassUtils.isPresent(AotApplication.class.getName() + "__ApplicationContextInitializer",
				getClass().getClassLoader()))
			.as("the initializer process-aot generated")
			.isTrue();
		SpringApplication application = new SpringApplication(AotApplication.class);
		// AOT mode finds the generated initializer by the main class, not the test's
		application.setMainApplicationClass(AotApplication.class);
		try (MockUmamiServer umami = MockUmamiServer.start();
				ConfigurableApplicationContext context = application.run("--server.port=0",
						"--server.address=127.0.0.1", "--umami.host-url=" + umami.getHostUrl(),
						"--umami.website-id=" + umami.getWebsiteId())) {
			String port = context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signup?plan=pro"))
					.header("User-Agent", FIREFOX)
					.timeout(TIMEOUT)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).isEqualTo("signed up for pro");
			ReceivedEvent event = umami.awaitEvents(1, TIMEOUT).get(0);
			assertThat(event.name()).isEqualTo("signup");
			assertThat(event.data()).containsEntry("plan", "pro").containsEntry("method", "signup");
			assertThat(event.url()).isEqualTo("/signup?plan=pro");
			assertThat(event.userAgent()).isEqualTo(FIREFOX);
		}
	}

}
