package io.github.umamispring.compat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.umamispring.compat.async.CompatAsyncApplication;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visitor of a request reaches the {@code @Async} methods it calls on the Boot line
 * this module builds against, beside the application's own {@link TaskDecorator}. The
 * lines differ here: Boot 4 composes every {@code TaskDecorator} bean, Boot 3.5 applies
 * one only when it is the only one, so the starter wires the visitor's decorator
 * differently on each.
 *
 * @author umami-spring-boot contributors
 */
class TaskDecoratorCompatibilityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
			+ " (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final MockUmamiServer umami = MockUmamiServer.start();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.umami.close();
	}

	@Test
	void asyncMethodRecordsTheVisitorOfTheRequest() throws Exception {
		ConfigurableApplicationContext context = start();
		assertThat(get(context, "/orders/o-1/confirm").body()).isEqualTo("o-1");
		ReceivedEvent event = assertVisitorEvent();
		assertThat(event.payloadJson()).contains("\"data\":{\"id\":\"o-1\",\"tenant\":null}");
	}

	@Test
	void asyncMethodRecordsTheVisitorAndTheApplicationsTaskDecoratorStillApplies() throws Exception {
		ConfigurableApplicationContext context = start("compat.tenant-decorator=true");
		if (SpringBootVersion.getVersion().startsWith("3.")) {
			// Boot 3.5 would apply no decorator if the starter declared a second one
			assertThat(context.getBeanNamesForType(TaskDecorator.class)).containsExactly("tenantTaskDecorator");
		}
		assertThat(get(context, "/orders/o-1/confirm").body()).isEqualTo("o-1");
		ReceivedEvent event = assertVisitorEvent();
		assertThat(event.payloadJson()).contains("\"data\":{\"id\":\"o-1\",\"tenant\":\"acme\"}");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void asyncMethodOnAVirtualThreadRecordsTheVisitor() throws Exception {
		ConfigurableApplicationContext context = start("compat.tenant-decorator=true",
				"spring.threads.virtual.enabled=true");
		assertThat(get(context, "/orders/o-1/confirm").body()).isEqualTo("o-1");
		ReceivedEvent event = assertVisitorEvent();
		assertThat(event.payloadJson()).contains("\"data\":{\"id\":\"o-1\",\"tenant\":\"acme\"}");
	}

	private ReceivedEvent assertVisitorEvent() {
		ReceivedEvent event = this.umami.awaitEvents(1, TIMEOUT).get(0);
		assertThat(event.name()).isEqualTo("order-confirmed");
		assertThat(event.userAgent()).isEqualTo(CHROME);
		assertThat(event.ip()).isEqualTo("127.0.0.1");
		assertThat(event.url()).isEqualTo("/orders/o-1/confirm");
		return event;
	}

	private ConfigurableApplicationContext start(String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off", "--umami.host-url=" + this.umami.getHostUrl(),
				"--umami.website-id=" + this.umami.getWebsiteId()));
		for (String property : properties) {
			args.add("--" + property);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(CompatAsyncApplication.class)
			.web(WebApplicationType.SERVLET)
			.run(args.toArray(String[]::new));
		this.contexts.add(context);
		return context;
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path)
			throws IOException, InterruptedException {
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("User-Agent", CHROME)
			.timeout(TIMEOUT)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
