package io.github.umamispring.docker.compose;

import io.github.umamispring.autoconfigure.UmamiConnectionDetails;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.core.env.Environment;
import org.springframework.core.log.LogMessage;
import org.springframework.util.StringUtils;

/**
 * {@link DockerComposeConnectionDetailsFactory} to create {@link UmamiConnectionDetails}
 * for an {@code umami} service: the official image under any of its names
 * ({@code ghcr.io/umami-software/umami}, {@code docker.umami.is/umami-software/umami},
 * Docker Hub's {@code umamisoftware/umami}), or any image labelled
 * {@code org.springframework.boot.service-connection: umami-software/umami}.
 * <p>
 * The host URL is the service's host and the port mapped to Umami's port 3000. The
 * website is not known to the service: it is taken from the service's label
 * {@value #WEBSITE_ID_LABEL}, else from the application's {@code umami.website-id}.
 * Without either, the connection gives no host URL, so that the application runs in dry
 * run until a website is created in Umami's dashboard and its ID set.
 *
 * @author umami-spring-boot contributors
 */
class UmamiDockerComposeConnectionDetailsFactory extends DockerComposeConnectionDetailsFactory<UmamiConnectionDetails> {

	/**
	 * Label of an {@code umami} service naming the website that events are recorded for.
	 */
	static final String WEBSITE_ID_LABEL = "io.github.umamispring.website-id";

	private static final String[] UMAMI_IMAGES = { "umami-software/umami", "umamisoftware/umami" };

	private static final int UMAMI_PORT = 3000;

	private static final Log logger = LogFactory.getLog(UmamiDockerComposeConnectionDetailsFactory.class);

	UmamiDockerComposeConnectionDetailsFactory() {
		super(UMAMI_IMAGES, "io.github.umamispring.autoconfigure.UmamiAutoConfiguration");
	}

	@Override
	protected UmamiConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new UmamiDockerComposeConnectionDetails(source.getRunningService(), source.getEnvironment());
	}

	/**
	 * {@link UmamiConnectionDetails} backed by an {@code umami} {@link RunningService}.
	 */
	static final class UmamiDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements UmamiConnectionDetails {

		private final @Nullable String hostUrl;

		private final @Nullable String websiteId;

		UmamiDockerComposeConnectionDetails(RunningService service, Environment environment) {
			super(service);
			String serverUrl = "http://" + service.host() + ":" + service.ports().get(UMAMI_PORT);
			this.websiteId = websiteId(service, environment);
			this.hostUrl = (this.websiteId != null) ? serverUrl : null;
			if (this.websiteId == null) {
				logger.warn(LogMessage.format("Umami of Docker Compose service '%s' runs at %s, but no website is"
						+ " set: events are only logged (dry run). Log in to Umami (admin / umami on a new server),"
						+ " add a website, and set its ID as label '%s' of the service or as 'umami.website-id'",
						service.name(), serverUrl, WEBSITE_ID_LABEL));
			}
		}

		private static @Nullable String websiteId(RunningService service, Environment environment) {
			String label = service.labels().get(WEBSITE_ID_LABEL);
			if (StringUtils.hasText(label)) {
				return label.trim();
			}
			String property = environment.getProperty("umami.website-id");
			return StringUtils.hasText(property) ? property.trim() : null;
		}

		@Override
		public @Nullable String getHostUrl() {
			return this.hostUrl;
		}

		@Override
		public @Nullable String getWebsiteId() {
			return this.websiteId;
		}

	}

}
