package io.github.umamispring.test.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@link MockUmamiServer} used the way an application's tests use
 * it: one server for the test class, the application configured with its host URL and
 * website, and assertions on the exact JSON the application sent.
 *
 * @author umami-spring-boot contributors
 */
class MockUmamiServerIntegrationTests {

	private static final MockUmamiServer umami = MockUmamiServer.start();

	private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
			+ " Chrome/124.0.0.0 Safari/537.36";

	private final SignupAnalytics analytics = new SignupAnalytics(umami.getHostUrl(), umami.getWebsiteId());

	@BeforeEach
	void forgetEarlierTests() {
		umami.reset();
		umami.clear();
	}

	@AfterAll
	static void stopUmami() {
		umami.close();
	}

	@Test
	void sendsSignupEventAsExpectedJson() {
		this.analytics.signedUp("pro", "81.2.69.160", BROWSER);
		ReceivedEvent event = umami.awaitEvents(1, Duration.ofSeconds(5)).get(0);
		assertThat(event.payloadJson()).isEqualTo("""
				{"website":"51499dbe-116f-42b4-9a2e-dfcfc230677f","hostname":"shop.example.com","url":"/signup",\
				"name":"signup","data":{"plan":"pro"},"ip":"81.2.69.160","userAgent":"%s"}""".formatted(BROWSER));
		assertThat(event.json()).isEqualTo("{\"type\":\"event\",\"payload\":" + event.payloadJson() + "}");
		assertThat(event.name()).isEqualTo("signup");
		assertThat(event.data()).containsExactly(Map.entry("plan", "pro"));
		assertThat(event.request().header("Content-Type")).isEqualTo("application/json");
		assertThat(event.request().header("User-Agent")).isEqualTo(SignupAnalytics.USER_AGENT);
	}

	@Test
	void sendsCacheTokenOfVisitorBack() {
		this.analytics.signedUp("pro", "81.2.69.160", BROWSER);
		assertThat(this.analytics.lastStatus()).isEqualTo(200);
		this.analytics.signedUp("team", "81.2.69.160", BROWSER);
		List<ReceivedRequest> requests = umami.awaitRequests(2, Duration.ofSeconds(5));
		assertThat(requests.get(0).header("x-umami-cache")).isNull();
		assertThat(requests.get(1).header("x-umami-cache")).isEqualTo(umami.cacheTokenFor("81.2.69.160", BROWSER))
			.isNotNull();
	}

	@Test
	void keepsEventsSentWhileUmamiFails() {
		umami.respondWith(503, "Service Unavailable", 1);
		this.analytics.signedUp("pro", "81.2.69.160", BROWSER);
		assertThat(umami.awaitEvents(1, Duration.ofSeconds(5))).singleElement()
			.satisfies((event) -> assertThat(event.data()).containsEntry("plan", "pro"));
		assertThat(this.analytics.lastStatus()).isEqualTo(503);
	}

	/**
	 * The application under test: sends a sign-up to Umami without waiting, as
	 * server-side analytics do, and sends back the cache token it was given.
	 */
	static final class SignupAnalytics {

		static final String USER_AGENT = "Mozilla/5.0 (compatible; shop-backend)";

		private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		private final String hostUrl;

		private final String websiteId;

		private volatile String cacheToken;

		private volatile CompletableFuture<Integer> last = CompletableFuture.completedFuture(0);

		SignupAnalytics(String hostUrl, String websiteId) {
			this.hostUrl = hostUrl;
			this.websiteId = websiteId;
		}

		void signedUp(String plan, String ip, String userAgent) {
			String body = "{\"type\":\"event\",\"payload\":{\"website\":\"" + this.websiteId
					+ "\",\"hostname\":\"shop.example.com\",\"url\":\"/signup\",\"name\":\"signup\","
					+ "\"data\":{\"plan\":\"" + plan + "\"},\"ip\":\"" + ip + "\",\"userAgent\":\"" + userAgent
					+ "\"}}";
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.hostUrl + "/api/send"))
				.header("Content-Type", "application/json")
				.header("User-Agent", USER_AGENT)
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (this.cacheToken != null) {
				request.header("x-umami-cache", this.cacheToken);
			}
			this.last = this.client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
				.thenApply((response) -> {
					if (response.statusCode() == 200 && response.body().contains("\"cache\":\"")) {
						String rest = response.body().substring(response.body().indexOf("\"cache\":\"") + 9);
						this.cacheToken = rest.substring(0, rest.indexOf('"'));
					}
					return response.statusCode();
				});
		}

		int lastStatus() {
			return this.last.join();
		}

	}

}
