package io.github.umamispring.transport;

import java.time.Duration;

import io.github.umamispring.UmamiResult;
import io.github.umamispring.test.server.MockUmamiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebClientUmamiTransport}, against a loopback Umami.
 */
class WebClientUmamiTransportTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String EVENT = "{\"type\":\"event\",\"payload\":{\"website\":\"" + MockUmamiServer.WEBSITE_ID
			+ "\",\"name\":\"e\"}}";

	private final MockUmamiServer umami = MockUmamiServer.start();

	@AfterEach
	void stopUmami() {
		this.umami.close();
	}

	@Test
	void closesTheConnectionPoolItWasGivenWhenItStopsAndSendsAgainAfterARestart() {
		ConnectionProvider pool = UmamiConnectionProviders.create();
		WebClientUmamiTransport transport = WebClientUmamiTransport.builder(this.umami.getHostUrl())
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
			.closeOnStop(pool)
			.build();
		transport.start();
		assertThat(send(transport).isAccepted()).isTrue();
		transport.stop();
		assertThat(transport.isRunning()).isFalse();
		assertThat(pool.isDisposed()).as("idle connections to Umami closed").isTrue();
		transport.start();
		assertThat(send(transport).isAccepted()).isTrue();
		assertThat(this.umami.events()).hasSize(2);
	}

	@Test
	void stopsAfterTheTrackerAndBeforeSpringsReactorResources() {
		assertThat(WebClientUmamiTransport.PHASE).isLessThan(io.github.umamispring.delivery.DefaultUmamiTracker.PHASE)
			.isGreaterThan(0);
	}

	@Test
	void reportsTheHostWithoutUserInformationInItsHeartbeat() {
		String hostUrl = this.umami.getHostUrl().replace("http://", "http://user:secret@");
		UmamiHeartbeat heartbeat = WebClientUmamiTransport.builder(hostUrl).build().heartbeat().block(TIMEOUT);
		assertThat(heartbeat.status()).isEqualTo(UmamiHeartbeat.Status.UP);
		assertThat(heartbeat.details()).containsEntry("host", this.umami.getHostUrl()).doesNotContainValue(hostUrl);
	}

	@Test
	void reportsTheStatusOfAnErrorInItsHeartbeat() {
		this.umami.respondWith(503, "{}");
		UmamiHeartbeat heartbeat = WebClientUmamiTransport.builder(this.umami.getHostUrl())
			.build()
			.heartbeat()
			.block(TIMEOUT);
		assertThat(heartbeat.status()).isEqualTo(UmamiHeartbeat.Status.DOWN);
		assertThat(heartbeat.details()).containsEntry("status", 503);
	}

	private UmamiResult send(WebClientUmamiTransport transport) {
		return transport.send(new UmamiRequest(EVENT, "Mozilla/5.0 (X11; Linux x86_64)", null)).block(TIMEOUT);
	}

}
