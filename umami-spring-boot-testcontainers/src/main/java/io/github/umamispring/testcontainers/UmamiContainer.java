package io.github.umamispring.testcontainers;

import java.time.Duration;
import java.util.UUID;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * Testcontainers container for an <a href="https://umami.is">Umami</a> 3.x server with
 * the PostgreSQL database it needs, on a network of their own. When started, it logs in
 * as Umami's default administrator and creates a website, whose id
 * {@link #getWebsiteId()} returns. Annotated with {@code @ServiceConnection}, it
 * configures the Umami starter without any {@code umami.*} property: <pre class="code">
 * &#64;Container
 * &#64;ServiceConnection
 * static UmamiContainer umami = new UmamiContainer();
 * </pre>
 * <p>
 * What it assumes about the image was checked against Umami's repository
 * ({@code umami-software/umami}), since no test of this project can run the image:
 * <ul>
 * <li>image names and tags: the release workflow ({@code .github/workflows/cd.yml})
 * pushes {@code ghcr.io/umami-software/umami} and {@code umamisoftware/umami} on a
 * {@code v*.*.*} tag with {@code docker/metadata-action} semver patterns, which drop the
 * {@code v}: {@code 3.1.0}, {@code 3.1}, {@code 3} and {@code latest}. The README pulls
 * the same image as {@code docker.umami.is/umami-software/umami}. Before 3.0 the tags
 * carried the database and the {@code v} ({@code postgresql-v2.x.y},
 * {@code postgresql-latest});</li>
 * <li>port {@value #HTTP_PORT} ({@code Dockerfile}: {@code EXPOSE 3000},
 * {@code PORT=3000});</li>
 * <li>environment: {@code DATABASE_URL} as
 * {@code postgresql://user:password@host:5432/db} and {@code APP_SECRET}
 * ({@code docker-compose.yml}, {@code scripts/check-db.js}, {@code src/lib/crypto.ts}),
 * {@code DISABLE_TELEMETRY} ({@code scripts/postbuild.js}); the database is migrated
 * before the server starts ({@code scripts/start-docker.sh});</li>
 * <li>readiness: {@code GET /api/heartbeat} answering {@code {"ok":true}}, the health
 * check of Umami's own {@code docker-compose.yml}
 * ({@code src/app/api/heartbeat/route.ts});</li>
 * <li>administrator {@value #ADMIN_USERNAME}/{@value #ADMIN_PASSWORD} created by the
 * first migration ({@code README.md}, {@code cypress.config.ts});</li>
 * <li>REST API used by {@link UmamiApiClient}: {@code POST /api/auth/login} with
 * {@code username} and {@code password} answering {@code token}, {@code POST
 * /api/websites} with {@code name} and {@code domain} and a bearer token answering the
 * website with its {@code id}, {@code GET /api/websites/{id}/events} with
 * {@code startAt}, {@code endAt} in epoch milliseconds and paging parameters.</li>
 * </ul>
 *
 * @author umami-spring-boot contributors
 */
public class UmamiContainer extends GenericContainer<UmamiContainer> {

	/**
	 * Name of the official Umami image.
	 */
	public static final String IMAGE = "ghcr.io/umami-software/umami";

	/**
	 * Tag of the official Umami image used by default. Umami's release workflow tags
	 * images without the {@code v} of its Git tags.
	 */
	public static final String DEFAULT_TAG = "3.1.0";

	/**
	 * Umami image used by default, {@value #IMAGE}:{@value #DEFAULT_TAG}.
	 */
	public static final String DEFAULT_IMAGE = IMAGE + ":" + DEFAULT_TAG;

	/**
	 * PostgreSQL image the database container uses.
	 */
	public static final String POSTGRES_IMAGE = "postgres:15-alpine";

	/**
	 * Port Umami listens on inside the container.
	 */
	public static final int HTTP_PORT = 3000;

	/**
	 * User name of the administrator Umami creates on first start.
	 */
	public static final String ADMIN_USERNAME = "admin";

	/**
	 * Password of the administrator Umami creates on first start.
	 */
	public static final String ADMIN_PASSWORD = "umami";

	private static final Log logger = LogFactory.getLog(UmamiContainer.class);

	private static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse(IMAGE);

	/**
	 * The same image through Umami's own registry name, which its README pulls from.
	 */
	private static final DockerImageName UMAMI_REGISTRY_IMAGE_NAME = DockerImageName
		.parse("docker.umami.is/umami-software/umami");

	/**
	 * The same image on Docker Hub, where the release workflow pushes it too.
	 */
	private static final DockerImageName DOCKER_HUB_IMAGE_NAME = DockerImageName.parse("umamisoftware/umami");

	private static final String DATABASE_ALIAS = "umami-db";

	private static final int POSTGRES_PORT = 5432;

	private static final String DATABASE_NAME = "umami";

	private static final String DATABASE_USER = "umami";

	private static final String DATABASE_PASSWORD = "umami";

	private final Network network;

	private final GenericContainer<?> database;

	private String websiteName = "umami-spring-boot";

	private String websiteDomain = "localhost";

	private @Nullable String apiKey;

	private volatile @Nullable String websiteId;

	/**
	 * Create a container for the {@link #DEFAULT_IMAGE default image}.
	 */
	public UmamiContainer() {
		this(DockerImageName.parse(DEFAULT_IMAGE));
	}

	/**
	 * Create a container for the given Umami image.
	 * @param image the image name, such as {@code ghcr.io/umami-software/umami:3.1.0}
	 */
	public UmamiContainer(String image) {
		this(DockerImageName.parse(image));
	}

	/**
	 * Create a container for the given Umami image.
	 * @param image the image name; another image must be declared a compatible substitute
	 * with {@link DockerImageName#asCompatibleSubstituteFor(String)}
	 */
	public UmamiContainer(DockerImageName image) {
		super(image);
		image.assertCompatibleWith(DEFAULT_IMAGE_NAME, UMAMI_REGISTRY_IMAGE_NAME, DOCKER_HUB_IMAGE_NAME);
		this.network = Network.newNetwork();
		// A plain container rather than Testcontainers' PostgreSQL module, whose class
		// moved between Testcontainers 1 (Boot 3.5) and 2 (Boot 4)
		this.database = new GenericContainer<>(DockerImageName.parse(POSTGRES_IMAGE)).withNetwork(this.network)
			.withNetworkAliases(DATABASE_ALIAS)
			.withEnv("POSTGRES_DB", DATABASE_NAME)
			.withEnv("POSTGRES_USER", DATABASE_USER)
			.withEnv("POSTGRES_PASSWORD", DATABASE_PASSWORD)
			.waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
				.withStartupTimeout(Duration.ofMinutes(1)));
		withNetwork(this.network);
		dependsOn(this.database);
		withExposedPorts(HTTP_PORT);
		withEnv("DATABASE_URL", "postgresql://" + DATABASE_USER + ":" + DATABASE_PASSWORD + "@" + DATABASE_ALIAS + ":"
				+ POSTGRES_PORT + "/" + DATABASE_NAME);
		withEnv("APP_SECRET", UUID.randomUUID().toString());
		withEnv("DISABLE_TELEMETRY", "1");
		// Umami migrates its database before it answers
		waitingFor(Wait.forHttp("/api/heartbeat")
			.forPort(HTTP_PORT)
			.forStatusCode(200)
			.withStartupTimeout(Duration.ofMinutes(3)));
	}

	/**
	 * Set the name and domain of the website created on start.
	 * @param name the website's name
	 * @param domain the website's domain, such as {@code example.com}
	 * @return this container
	 */
	public UmamiContainer withWebsite(String name, String domain) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.hasText(domain, "'domain' must not be empty");
		this.websiteName = name;
		this.websiteDomain = domain;
		return this;
	}

	/**
	 * Set an API key for the starter to send as the {@code x-umami-api-key} header, which
	 * the service connection passes on. Umami itself does not check it when collecting
	 * events; it is for a proxy in front of Umami, or to test that the key is sent.
	 * @param apiKey the API key
	 * @return this container
	 */
	public UmamiContainer withApiKey(String apiKey) {
		Assert.hasText(apiKey, "'apiKey' must not be empty");
		this.apiKey = apiKey;
		return this;
	}

	/**
	 * Return the API key set with {@link #withApiKey(String)}.
	 * @return the API key, or {@code null} if none was set
	 */
	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	/**
	 * Return the PostgreSQL container Umami stores its data in, started before Umami.
	 * @return the database container
	 */
	public GenericContainer<?> getDatabase() {
		return this.database;
	}

	/**
	 * Return the base URL of the Umami server, as reachable from the host.
	 * @return the host URL, such as {@code http://localhost:32768}
	 */
	public String getHostUrl() {
		return "http://" + getHost() + ":" + getMappedPort(HTTP_PORT);
	}

	/**
	 * Return the id of the website created when the container started.
	 * @return the website id, a UUID
	 * @throws IllegalStateException if the container has not been started
	 */
	public String getWebsiteId() {
		String id = this.websiteId;
		Assert.state(id != null, "The website ID is only known once the Umami container has started");
		return id;
	}

	@Override
	protected void containerIsStarted(InspectContainerResponse containerInfo) {
		createWebsite(getHostUrl());
	}

	/**
	 * Log in to the Umami server at the given URL and create the website.
	 * @param hostUrl the Umami server's base URL
	 */
	void createWebsite(String hostUrl) {
		UmamiApiClient client = new UmamiApiClient(hostUrl);
		String token = client.login(ADMIN_USERNAME, ADMIN_PASSWORD);
		this.websiteId = client.createWebsite(token, this.websiteName, this.websiteDomain);
		logger.info(LogMessage.format("Created Umami website '%s' (%s) with ID %s on %s (log in as %s/%s)",
				this.websiteName, this.websiteDomain, this.websiteId, hostUrl, ADMIN_USERNAME, ADMIN_PASSWORD));
	}

	@Override
	public void stop() {
		try {
			super.stop();
			this.database.stop();
		}
		finally {
			this.network.close();
		}
	}

}
