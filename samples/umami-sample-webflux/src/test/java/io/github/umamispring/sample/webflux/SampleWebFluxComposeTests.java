package io.github.umamispring.sample.webflux;

import java.io.IOException;
import java.util.List;

import io.github.umamispring.testcontainers.UmamiContainer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code compose.yaml}, read as Spring Boot's Docker Compose support would
 * run it (no Docker engine needed), and the settings that use it only when asked.
 */
class SampleWebFluxComposeTests {

	@Test
	void composeFileRunsTheUmamiOfTheTestcontainersAndTheDatabaseItNeeds() throws IOException {
		PropertySource<?> compose = load(new FileSystemResource("compose.yaml")).get(0);
		assertThat(compose.getProperty("services.umami.image")).hasToString(UmamiContainer.DEFAULT_IMAGE);
		assertThat(compose.getProperty("services.umami.ports[0]")).hasToString("3000:3000");
		assertThat(compose.getProperty("services.umami.environment.DATABASE_URL"))
			.hasToString("postgresql://umami:umami@db:5432/umami");
		assertThat(compose.getProperty("services.umami.depends_on.db.condition")).hasToString("service_healthy");
		assertThat(compose.getProperty("services.db.image")).hasToString("postgres:15-alpine");
		assertThat(compose.getProperty("services.db.labels.org.springframework.boot.ignore")).hasToString("true");
	}

	@Test
	void dockerComposeRunsOnlyWithTheComposeProfile() throws IOException {
		List<PropertySource<?>> documents = load(new ClassPathResource("application.yml"));
		assertThat(documents.get(0).getProperty("spring.docker.compose.enabled")).hasToString("false");
		assertThat(documents.get(0).getProperty("spring.profiles.group.compose")).hasToString("local-umami");
		assertThat(profile(documents, "compose").getProperty("spring.docker.compose.enabled")).hasToString("true");
		PropertySource<?> localUmami = profile(documents, "local-umami");
		assertThat(localUmami.getProperty("umami.pageviews.enabled")).hasToString("false");
		assertThat(localUmami.getProperty("umami.privacy.forward-ip")).hasToString("false");
	}

	private static List<PropertySource<?>> load(Resource resource) throws IOException {
		return new YamlPropertySourceLoader().load(resource.getFilename(), resource);
	}

	private static PropertySource<?> profile(List<PropertySource<?>> documents, String profile) {
		return documents.stream()
			.filter((document) -> profile
				.equals(String.valueOf(document.getProperty("spring.config.activate.on-profile"))))
			.findFirst()
			.orElseThrow();
	}

}
