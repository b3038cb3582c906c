package io.github.umamispring.testcontainers;

/**
 * An {@link UmamiContainer} whose server is a loopback server instead of a Docker
 * container: starting it runs the real website creation against that server.
 *
 * @author umami-spring-boot contributors
 */
class LoopbackUmamiContainer extends UmamiContainer {

	private final String hostUrl;

	private volatile boolean started;

	LoopbackUmamiContainer(String hostUrl) {
		this.hostUrl = hostUrl;
	}

	@Override
	public synchronized void start() {
		if (!this.started) {
			createWebsite(this.hostUrl);
			this.started = true;
		}
	}

	@Override
	public void stop() {
		this.started = false;
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	@Override
	public String getHostUrl() {
		return this.hostUrl;
	}

	@Override
	public String getDockerImageName() {
		return UmamiContainer.DEFAULT_IMAGE;
	}

}
