package io.github.umamispring.docker.compose;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.lifecycle.DockerComposeServicesReadyEvent;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.env.Environment;
import org.springframework.util.ReflectionUtils;

/**
 * Stands in for Docker Compose, which needs a Docker engine: a running service described
 * in code, and the two things Spring Boot's Docker Compose support makes of running
 * services, whose constructors Boot keeps to itself (its own tests of connection details
 * factories live in its packages): the {@link DockerComposeConnectionSource} a factory is
 * asked with, and the {@link DockerComposeServicesReadyEvent} with which Boot hands the
 * ready services to the application. Everything after that event is Boot's own: its
 * listener asks the factories of {@code spring.factories} and registers what they give as
 * beans.
 *
 * @author umami-spring-boot contributors
 */
final class ComposeStandIn {

	private ComposeStandIn() {
	}

	/**
	 * Return the source a factory is asked with for a service.
	 * @param service the running service
	 * @param environment the application's environment
	 * @return the source
	 */
	static DockerComposeConnectionSource source(RunningService service, Environment environment) {
		return instantiate(DockerComposeConnectionSource.class, service, environment);
	}

	/**
	 * Return a listener that, once the application context is prepared, hands the
	 * services to the application's listeners as Spring Boot's Docker Compose support
	 * does after {@code docker compose up}.
	 * @param services the running services
	 * @return the listener, to add to the {@code SpringApplication}
	 */
	static ApplicationListener<ApplicationPreparedEvent> servicesReady(RunningService... services) {
		return (prepared) -> {
			DockerComposeServicesReadyEvent ready = instantiate(DockerComposeServicesReadyEvent.class,
					prepared.getApplicationContext(), List.of(services));
			SimpleApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();
			prepared.getSpringApplication().getListeners().forEach(multicaster::addApplicationListener);
			multicaster.multicastEvent(ready);
		};
	}

	private static <T> T instantiate(Class<T> type, Object... arguments) {
		Constructor<?> constructor = type.getDeclaredConstructors()[0];
		ReflectionUtils.makeAccessible(constructor);
		return type.cast(BeanUtils.instantiateClass(constructor, arguments));
	}

	/**
	 * A service as {@code docker compose ps} and {@code docker inspect} describe it.
	 *
	 * @param name the service name
	 * @param imageName the image, such as {@code ghcr.io/umami-software/umami:3.1.0}
	 * @param host the host the service is reached on
	 * @param portMappings container ports to the host ports they are published on
	 * @param labels the service's labels
	 */
	record Service(String name, String imageName, String host, Map<Integer, Integer> portMappings,
			Map<String, String> labels) implements RunningService {

		@Override
		public ImageReference image() {
			return ImageReference.of(this.imageName);
		}

		@Override
		public ConnectionPorts ports() {
			return new ConnectionPorts() {

				@Override
				public int get(int containerPort) {
					Integer hostPort = Service.this.portMappings.get(containerPort);
					if (hostPort == null) {
						throw new IllegalStateException("No host port mapped to container port " + containerPort);
					}
					return hostPort;
				}

				@Override
				public List<Integer> getAll() {
					return new ArrayList<>(Service.this.portMappings.values());
				}

				@Override
				public List<Integer> getAll(@Nullable String protocol) {
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
