package io.github.umamispring.compat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.umamispring.autoconfigure.UmamiConnectionDetails;
import io.github.umamispring.compat.servlet.CompatServletApplication;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import io.github.umamispring.testcontainers.UmamiContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @ServiceConnection} on an {@link UmamiContainer} on the Boot line this module
 * builds against: the container's connection details configure the tracker without any
 * {@code umami.*} property. There is no Docker engine here, so the container stands in
 * for Umami with a {@link MockUmamiServer}; what runs is Boot's service connection
 * machinery and this project's connection details factory.
 *
 * @author umami-spring-boot contributors
 */
class ServiceConnectionCompatibilityTests {

	private final MockUmamiServer umami = MockUmamiServer.start();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.umami.close();
	}

	@Test
	void serviceConnectionConfiguresTheTracker() throws Exception {
		this.context = new SpringApplicationBuilder(CompatServletApplication.class, ContainerConfiguration.class)
			.web(WebApplicationType.SERVLET)
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
					"--compat.umami.host-url=" + this.umami.getHostUrl(),
					"--compat.umami.website-id=" + this.umami.getWebsiteId());
		UmamiConnectionDetails connectionDetails = this.context.getBean(UmamiConnectionDetails.class);
		assertThat(connectionDetails.getClass().getName()).endsWith("UmamiContainerConnectionDetails");
		assertThat(connectionDetails.getHostUrl()).isEqualTo(this.umami.getHostUrl());
		String port = this.context.getEnvironment().getProperty("local.server.port");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signup?plan=pro"))
				.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedEvent event = this.umami.awaitEvents(1, Duration.ofSeconds(10)).get(0);
		assertThat(event.name()).isEqualTo("signup");
		assertThat(event.website()).isEqualTo(this.umami.getWebsiteId());
	}

	@Configuration(proxyBeanMethods = false)
	static class ContainerConfiguration {

		@Bean
		@ServiceConnection
		UmamiContainer umamiContainer(Environment environment) {
			return new StandInUmamiContainer(environment.getRequiredProperty("compat.umami.host-url"),
					environment.getRequiredProperty("compat.umami.website-id"));
		}

	}

	/**
	 * An {@link UmamiContainer} whose Umami is a loopback server, not a Docker container.
	 */
	static class StandInUmamiContainer extends UmamiContainer {

		private final String hostUrl;

		private final String websiteId;

		private volatile boolean running;

		StandInUmamiContainer(String hostUrl, String websiteId) {
			this.hostUrl = hostUrl;
			this.websiteId = websiteId;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public String getHostUrl() {
			return this.hostUrl;
		}

		@Override
		public String getWebsiteId() {
			return this.websiteId;
		}

		@Override
		public String getDockerImageName() {
			return UmamiContainer.DEFAULT_IMAGE;
		}

	}

}
