package io.github.umamispring.compat;

import java.lang.reflect.Constructor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.umamispring.autoconfigure.UmamiConnectionDetails;
import io.github.umamispring.compat.reactive.CompatReactiveApplication;
import io.github.umamispring.compat.servlet.CompatServletApplication;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.lifecycle.DockerComposeServicesReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's Docker Compose support on the Boot line this module builds against
 * connects servlet and reactive applications to an {@code umami} service through this
 * project's connection details factory, with no {@code umami.*} connection property.
 * There is no Docker engine here: the running service is described in code, handed to the
 * application with the event Boot publishes after {@code docker compose up}, and a
 * {@link MockUmamiServer} listens on its published port.
 *
 * @author umami-spring-boot contributors
 */
class DockerComposeCompatibilityTests {

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
	void composeServiceConnectionConfiguresTheTracker(WebApplicationType type) throws Exception {
		int umamiPort = URI.create(this.umami.getHostUrl()).getPort();
		RunningService umamiService = new StandInService("ghcr.io/umami-software/umami:3.1.0", umamiPort,
				Map.of("io.github.umamispring.website-id", this.umami.getWebsiteId()));
		Class<?> application = (type == WebApplicationType.SERVLET) ? CompatServletApplication.class
				: CompatReactiveApplication.class;
		this.context = new SpringApplicationBuilder(application).web(type)
			.listeners(servicesReady(umamiService))
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
					"--spring.docker.compose.enabled=false", "--umami.delivery.shutdown-timeout=1s");
		UmamiConnectionDetails connectionDetails = this.context.getBean(UmamiConnectionDetails.class);
		assertThat(connectionDetails.getClass().getName()).endsWith("UmamiDockerComposeConnectionDetails");
		assertThat(connectionDetails.getHostUrl()).isEqualTo("http://127.0.0.1:" + umamiPort);
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

	/**
	 * Hand the services to the application's listeners once its context is prepared, as
	 * Spring Boot's Docker Compose support does; the event's constructor is Boot's own.
	 */
	private static ApplicationListener<ApplicationPreparedEvent> servicesReady(RunningService... services) {
		return (prepared) -> {
			Constructor<?> constructor = DockerComposeServicesReadyEvent.class.getDeclaredConstructors()[0];
			ReflectionUtils.makeAccessible(constructor);
			Object ready = BeanUtils.instantiateClass(constructor, prepared.getApplicationContext(), List.of(services));
			SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
			prepared.getSpringApplication().getListeners().forEach(multicaster::addApplicationListener);
			multicaster.multicastEvent((DockerComposeServicesReadyEvent) ready);
		};
	}

	/**
	 * A running {@code umami} service publishing Umami's port 3000 on a port of this
	 * host.
	 */
	record StandInService(String imageName, int hostPort, Map<String, String> labels) implements RunningService {

		@Override
		public String name() {
			return "umami";
		}

		@Override
		public ImageReference image() {
			return ImageReference.of(this.imageName);
		}

		@Override
		public String host() {
			return "127.0.0.1";
		}

		@Override
		public ConnectionPorts ports() {
			return new ConnectionPorts() {

				@Override
				public int get(int containerPort) {
					if (containerPort != 3000) {
						throw new IllegalStateException("No host port mapped to container port " + containerPort);
					}
					return StandInService.this.hostPort;
				}

				@Override
				public List<Integer> getAll() {
					return List.of(StandInService.this.hostPort);
				}

				@Override
				public List<Integer> getAll(String protocol) {
					return getAll();
				}

			};
		}

		@Override
		public Map<String, String> env() {
			return Map.of();
		}

	}

}
