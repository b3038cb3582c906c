package io.github.umamispring.sample.kotlin

import io.github.umamispring.testcontainers.UmamiContainer
import org.springframework.boot.fromApplication
import org.springframework.boot.test.context.TestConfiguration
import org.springframework.boot.testcontainers.service.connection.ServiceConnection
import org.springframework.boot.with
import org.springframework.context.annotation.Bean

/**
 * Runs the sample against a real Umami in Docker, started by Testcontainers and connected
 * with `@ServiceConnection`:
 * `./mvnw -pl samples/umami-sample-kotlin -am spring-boot:test-run`. Log in to the Umami
 * it prints with admin / umami to see the events arrive. The `local-umami` profile lets
 * the pages' tracker script record the pageviews, in the same sessions as the server's
 * events.
 */
@TestConfiguration(proxyBeanMethods = false)
class UmamiContainerConfiguration {

	@Bean
	@ServiceConnection
	fun umamiContainer() = UmamiContainer()

}

fun main(args: Array<String>) {
	fromApplication<SampleKotlinApplication>().with(UmamiContainerConfiguration::class)
		.withAdditionalProfiles("local-umami")
		.run(*args)
}
