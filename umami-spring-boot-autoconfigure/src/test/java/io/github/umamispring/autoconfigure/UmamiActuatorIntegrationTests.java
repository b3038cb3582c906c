package io.github.umamispring.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key in a real application's actuator endpoints, which show every other value
 * ({@code show-values=always}). One application for all the tests, which only read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UmamiActuatorIntegrationTests {

	private static final String WEBSITE_ID = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private static final String PROPERTY_KEY = "secret-key-123";

	private static final String ENVIRONMENT_KEY = "env-secret-456";

	private final HttpClient httpClient = HttpClient.newHttpClient();

	private ConfigurableApplicationContext context;

	@BeforeAll
	void start() {
		this.context = new SpringApplicationBuilder(ActuatorApplication.class).web(WebApplicationType.SERVLET)
			// as an environment variable, UMAMI_APIKEY, in a source of its own
			.initializers((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("testEnvironment",
						Map.of("UMAMI_APIKEY", ENVIRONMENT_KEY))))
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=configprops,env",
					"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
					"umami.website-id=" + WEBSITE_ID, "umami.api-key=" + PROPERTY_KEY)
			.run();
	}

	@AfterAll
	void stop() {
		this.context.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/configprops", "/actuator/configprops/umami", "/actuator/env",
			"/actuator/env/umami.api-key", "/actuator/env/UMAMI_APIKEY" })
	void masksApiKeyWhateverShowValuesSays(String endpoint) throws Exception {
		HttpResponse<String> response = get(endpoint);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain(PROPERTY_KEY, ENVIRONMENT_KEY).contains("******");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/configprops/umami", "/actuator/env" })
	void showsOtherValues(String endpoint) throws Exception {
		assertThat(get(endpoint).body()).contains(WEBSITE_ID);
	}

	private HttpResponse<String> get(String path) throws Exception {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ActuatorApplication {

	}

}
