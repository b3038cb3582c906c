package io.github.umamispring.docker.compose;

import java.util.Map;

import io.github.umamispring.autoconfigure.UmamiConnectionDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiDockerComposeConnectionDetailsFactory}, asked about services that
 * stand in for running Docker Compose services.
 *
 * @author umami-spring-boot contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class UmamiDockerComposeConnectionDetailsFactoryTests {

	private static final String WEBSITE_ID = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private static final String IMAGE = "ghcr.io/umami-software/umami:3.1.0";

	private final UmamiDockerComposeConnectionDetailsFactory factory = new UmamiDockerComposeConnectionDetailsFactory();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void connectsToUmamisPortAsPublishedOnTheHost() {
		UmamiConnectionDetails details = connectionDetails(umami(IMAGE, Map.of(3000, 49153), websiteLabel()));
		assertThat(details)
			.isInstanceOf(UmamiDockerComposeConnectionDetailsFactory.UmamiDockerComposeConnectionDetails.class);
		assertThat(details.getHostUrl()).isEqualTo("http://127.0.0.1:49153");
		assertThat(details.getWebsiteId()).isEqualTo(WEBSITE_ID);
		assertThat(details.getApiKey()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ghcr.io/umami-software/umami:3.1.0", "ghcr.io/umami-software/umami:latest",
			"docker.umami.is/umami-software/umami:latest", "umamisoftware/umami:3.1.0",
			"docker.io/umamisoftware/umami:3", "umami-software/umami" })
	void acceptsEveryNameOfUmamisImage(String image) {
		assertThat(connectionDetails(umami(image, Map.of(3000, 3000), websiteLabel()))).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "postgres:15-alpine", "ghcr.io/umami-software/umami-cloud:1", "umami:latest",
			"example.com/analytics/umami:1" })
	void ignoresOtherImages(String image) {
		assertThat(connectionDetails(umami(image, Map.of(3000, 3000), websiteLabel()))).isNull();
	}

	@Test
	void acceptsAnImageLabelledAsUmami() {
		UmamiConnectionDetails details = connectionDetails(umami("registry.example.com/analytics:7", Map.of(3000, 8080),
				Map.of("org.springframework.boot.service-connection", "umami-software/umami",
						UmamiDockerComposeConnectionDetailsFactory.WEBSITE_ID_LABEL, WEBSITE_ID)));
		assertThat(details.getHostUrl()).isEqualTo("http://127.0.0.1:8080");
	}

	@Test
	void takesTheWebsiteFromTheApplicationWithoutALabel() {
		this.environment.setProperty("umami.website-id", " " + WEBSITE_ID + " ");
		UmamiConnectionDetails details = connectionDetails(umami(IMAGE, Map.of(3000, 3000), Map.of()));
		assertThat(details.getHostUrl()).isEqualTo("http://127.0.0.1:3000");
		assertThat(details.getWebsiteId()).isEqualTo(WEBSITE_ID);
	}

	@Test
	void prefersTheServicesLabelToTheApplicationsWebsite() {
		this.environment.setProperty("umami.website-id", "6a0c3f5e-8a2b-4d8e-9f21-0b7c5d1e2a34");
		assertThat(connectionDetails(umami(IMAGE, Map.of(3000, 3000), websiteLabel())).getWebsiteId())
			.isEqualTo(WEBSITE_ID);
	}

	@Test
	void givesNoHostUrlWithoutAWebsiteAndSaysWhatToDo(CapturedOutput output) {
		this.environment.setProperty("umami.website-id", "");
		UmamiConnectionDetails details = connectionDetails(umami(IMAGE, Map.of(3000, 3000), Map.of()));
		assertThat(details.getHostUrl()).isNull();
		assertThat(details.getWebsiteId()).isNull();
		assertThat(output)
			.contains("Umami of Docker Compose service 'umami' runs at http://127.0.0.1:3000, but no"
					+ " website is set: events are only logged (dry run)")
			.contains("'io.github.umamispring.website-id'")
			.contains("'umami.website-id'");
	}

	private UmamiConnectionDetails connectionDetails(ComposeStandIn.Service service) {
		return this.factory.getConnectionDetails(ComposeStandIn.source(service, this.environment));
	}

	private static ComposeStandIn.Service umami(String image, Map<Integer, Integer> ports, Map<String, String> labels) {
		return new ComposeStandIn.Service("umami", image, "127.0.0.1", ports, labels);
	}

	private static Map<String, String> websiteLabel() {
		return Map.of(UmamiDockerComposeConnectionDetailsFactory.WEBSITE_ID_LABEL, WEBSITE_ID);
	}

}
