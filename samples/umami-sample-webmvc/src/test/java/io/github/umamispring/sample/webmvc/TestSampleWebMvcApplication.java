package io.github.umamispring.sample.webmvc;

import io.github.umamispring.testcontainers.UmamiContainer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * Runs the sample against a real Umami in Docker, started by Testcontainers and connected
 * with {@code @ServiceConnection}:
 * {@code ./mvnw -pl samples/umami-sample-webmvc -am spring-boot:test-run}. Log in to the
 * Umami it prints with admin / umami to see the events arrive. The {@code local-umami}
 * profile lets the pages' tracker script record the pageviews, in the same sessions as
 * the server's events.
 */
public class TestSampleWebMvcApplication {

	public static void main(String[] args) {
		SpringApplication.from(SampleWebMvcApplication::main)
			.with(UmamiContainerConfiguration.class)
			.withAdditionalProfiles("local-umami")
			.run(args);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class UmamiContainerConfiguration {

		@Bean
		@ServiceConnection
		UmamiContainer umamiContainer() {
			return new UmamiContainer();
		}

	}

}
