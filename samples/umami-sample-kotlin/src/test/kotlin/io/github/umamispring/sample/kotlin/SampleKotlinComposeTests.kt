package io.github.umamispring.sample.kotlin

import io.github.umamispring.testcontainers.UmamiContainer
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.boot.env.YamlPropertySourceLoader
import org.springframework.core.env.PropertySource
import org.springframework.core.io.ClassPathResource
import org.springframework.core.io.FileSystemResource
import org.springframework.core.io.Resource

/**
 * The sample's `compose.yaml`, read as Spring Boot's Docker Compose support would run it
 * (no Docker engine needed), and the settings that use it only when asked.
 */
class SampleKotlinComposeTests {

	@Test
	fun composeFileRunsTheUmamiOfTheTestcontainersAndTheDatabaseItNeeds() {
		val compose = load(FileSystemResource("compose.yaml"))[0]
		assertThat(compose.getProperty("services.umami.image")).hasToString(UmamiContainer.DEFAULT_IMAGE)
		assertThat(compose.getProperty("services.umami.ports[0]")).hasToString("3000:3000")
		assertThat(compose.getProperty("services.umami.environment.DATABASE_URL"))
			.hasToString("postgresql://umami:umami@db:5432/umami")
		assertThat(compose.getProperty("services.umami.depends_on.db.condition")).hasToString("service_healthy")
		assertThat(compose.getProperty("services.db.image")).hasToString("postgres:15-alpine")
		assertThat(compose.getProperty("services.db.labels.org.springframework.boot.ignore")).hasToString("true")
	}

	@Test
	fun dockerComposeRunsOnlyWithTheComposeProfile() {
		val documents = load(ClassPathResource("application.yml"))
		assertThat(documents[0].getProperty("spring.docker.compose.enabled")).hasToString("false")
		assertThat(documents[0].getProperty("spring.profiles.group.compose")).hasToString("local-umami")
		assertThat(profile(documents, "compose").getProperty("spring.docker.compose.enabled")).hasToString("true")
		val localUmami = profile(documents, "local-umami")
		assertThat(localUmami.getProperty("umami.pageviews.enabled")).hasToString("false")
		assertThat(localUmami.getProperty("umami.privacy.forward-ip")).hasToString("false")
	}

	private fun load(resource: Resource): List<PropertySource<*>> =
		YamlPropertySourceLoader().load(resource.filename!!, resource)

	private fun profile(documents: List<PropertySource<*>>, profile: String): PropertySource<*> =
		documents.first { profile == it.getProperty("spring.config.activate.on-profile")?.toString() }

}
