package io.github.umamispring.testcontainers;

import io.github.umamispring.autoconfigure.UmamiConnectionDetails;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link ContainerConnectionDetailsFactory} that creates {@link UmamiConnectionDetails}
 * from a {@code @ServiceConnection}-annotated {@link UmamiContainer}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<UmamiContainer, UmamiConnectionDetails> {

	UmamiContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "org.testcontainers.containers.GenericContainer");
	}

	@Override
	protected UmamiConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<UmamiContainer> source) {
		return new UmamiContainerConnectionDetails(source);
	}

	/**
	 * {@link UmamiConnectionDetails} backed by a {@link ContainerConnectionSource}.
	 */
	static final class UmamiContainerConnectionDetails extends ContainerConnectionDetails<UmamiContainer>
			implements UmamiConnectionDetails {

		private UmamiContainerConnectionDetails(ContainerConnectionSource<UmamiContainer> source) {
			super(source);
		}

		@Override
		public String getHostUrl() {
			return getContainer().getHostUrl();
		}

		@Override
		public String getWebsiteId() {
			return getContainer().getWebsiteId();
		}

		@Override
		public @Nullable String getApiKey() {
			return getContainer().getApiKey();
		}

	}

}
