package io.github.umamispring.testcontainers;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link UmamiContainer} that need no Docker engine: its configuration, and the
 * website it creates on start, against a loopback server answering like Umami.
 *
 * @author umami-spring-boot contributors
 */
class UmamiContainerTests {

	private MockWebServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new MockWebServer();
		this.server.start();
	}

	@AfterEach
	void closeServer() {
		this.server.close();
	}

	@Test
	void createsWebsiteWithAdministratorLogin() throws Exception {
		this.server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.LOGIN_RESPONSE));
		this.server.enqueue(UmamiApiClientTests.json(200, UmamiApiClientTests.WEBSITE_RESPONSE));
		UmamiContainer container = new UmamiContainer().withWebsite("shop", "shop.example.com");
		container.createWebsite(this.server.url("/").toString());
		assertThat(container.getWebsiteId()).isEqualTo("6a0c3f5e-8a2b-4d8e-9f21-0b7c5d1e2a34");
		RecordedRequest login = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(login.getTarget()).isEqualTo("/api/auth/login");
		assertThat(UmamiApiClientTests.body(login)).containsExactly(Map.entry("username", "admin"),
				Map.entry("password", "umami"));
		RecordedRequest create = this.server.takeRequest(5, TimeUnit.SECONDS);
		assertThat(create.getTarget()).isEqualTo("/api/websites");
		assertThat(create.getHeaders().get("Authorization")).isEqualTo("Bearer eyJhbGciOiJIUzI1NiJ9.test-token");
		assertThat(UmamiApiClientTests.body(create)).containsExactly(Map.entry("name", "shop"),
				Map.entry("domain", "shop.example.com"));
	}

	@Test
	void failsWhenUmamiRefusesLogin() {
		this.server.enqueue(UmamiApiClientTests.json(401, UmamiApiClientTests.UNAUTHORIZED_RESPONSE));
		UmamiContainer container = new UmamiContainer();
		assertThatIllegalStateException().isThrownBy(() -> container.createWebsite(this.server.url("/").toString()))
			.withMessageContaining("Umami answered 401 to POST /api/auth/login");
		assertThatIllegalStateException().isThrownBy(container::getWebsiteId);
	}

	@Test
	void websiteIdIsUnknownBeforeStart() {
		assertThatIllegalStateException().isThrownBy(() -> new UmamiContainer().getWebsiteId())
			.withMessage("The website ID is only known once the Umami container has started");
	}

	@Test
	void connectsUmamiToItsDatabaseOnSharedNetwork() {
		UmamiContainer container = new UmamiContainer();
		assertThat(container.getExposedPorts()).containsExactly(UmamiContainer.HTTP_PORT);
		assertThat(container.getEnvMap()).containsEntry("DATABASE_URL", "postgresql://umami:umami@umami-db:5432/umami")
			.containsKey("APP_SECRET")
			.containsEntry("DISABLE_TELEMETRY", "1");
		assertThat(container.getDependencies()).containsExactly(container.getDatabase());
		assertThat(container.getDatabase().getNetwork()).isSameAs(container.getNetwork());
		assertThat(container.getDatabase().getNetworkAliases()).contains("umami-db");
		assertThat(container.getDatabase().getEnvMap()).containsEntry("POSTGRES_DB", "umami")
			.containsEntry("POSTGRES_USER", "umami")
			.containsEntry("POSTGRES_PASSWORD", "umami");
	}

	@Test
	void eachContainerHasItsOwnAppSecret() {
		assertThat(new UmamiContainer().getEnvMap().get("APP_SECRET"))
			.isNotEqualTo(new UmamiContainer().getEnvMap().get("APP_SECRET"));
	}

	@Test
	void defaultImageIsTaggedWithoutV() {
		assertThat(UmamiContainer.DEFAULT_IMAGE).isEqualTo("ghcr.io/umami-software/umami:3.1.0");
	}

	@Test
	void acceptsOfficialImageFromEveryRegistry() {
		assertThatNoException().isThrownBy(() -> new UmamiContainer("ghcr.io/umami-software/umami:3.0.3"));
		assertThatNoException().isThrownBy(() -> new UmamiContainer("docker.umami.is/umami-software/umami:latest"));
		assertThatNoException().isThrownBy(() -> new UmamiContainer("umamisoftware/umami:3.1"));
	}

	@Test
	void hasNoApiKeyByDefault() {
		assertThat(new UmamiContainer().getApiKey()).isNull();
	}

	@Test
	void keepsApiKey() {
		assertThat(new UmamiContainer().withApiKey("secret-key").getApiKey()).isEqualTo("secret-key");
	}

	@Test
	void rejectsEmptyApiKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> new UmamiContainer().withApiKey(" "))
			.withMessage("'apiKey' must not be empty");
	}

	@Test
	void rejectsUnrelatedImage() {
		assertThatIllegalStateException().isThrownBy(() -> new UmamiContainer("nginx:1.27"));
	}

}
