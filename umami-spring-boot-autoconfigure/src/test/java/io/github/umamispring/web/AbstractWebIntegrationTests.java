package io.github.umamispring.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.umamispring.UmamiTracker;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts a real application against a {@link MockUmamiServer} and calls it over HTTP as a
 * browser behind a proxy would.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractWebIntegrationTests {

	static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
			+ " (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	static final String REFERRER = "https://www.google.com/search?q=umami";

	static final String VISITOR_IP = "203.0.113.7";

	static final String OTHER_VISITOR_IP = "198.51.100.23";

	private final HttpClient httpClient = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	MockUmamiServer umami;

	private int taken;

	private ConfigurableApplicationContext context;

	private int port;

	@BeforeEach
	void startUmami() {
		this.umami = MockUmamiServer.start();
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.umami.close();
	}

	/**
	 * Start the application under test.
	 * @param properties properties in {@code name=value} form
	 * @return the context
	 */
	abstract ConfigurableApplicationContext run(String... properties);

	/**
	 * Run a Spring MVC application, on Tomcat.
	 * @param application the application's configuration
	 * @param properties properties in {@code name=value} form
	 * @return the context
	 */
	static ConfigurableApplicationContext runServlet(Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET).properties(properties).run();
	}

	/**
	 * Run a WebFlux application, on Netty: Tomcat is on the class path too.
	 * @param application the application's configuration
	 * @param properties properties in {@code name=value} form
	 * @return the context
	 */
	static ConfigurableApplicationContext runReactive(Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application, NettyServer.class).web(WebApplicationType.REACTIVE)
			.properties(properties)
			.run();
	}

	/**
	 * Return properties every application of the test class is started with.
	 * @return properties in {@code name=value} form
	 */
	List<String> defaultProperties() {
		return List.of();
	}

	void start(String... properties) {
		// No quiet period when Reactor Netty's shared resources are disposed with the
		// context
		List<String> all = new ArrayList<>(
				List.of("server.port=0", "spring.main.banner-mode=off", "spring.reactor.netty.shutdown-quiet-period=0s",
						"umami.host-url=" + this.umami.getHostUrl(), "umami.website-id=" + MockUmamiServer.WEBSITE_ID,
						"logging.level.io.github.umamispring.delivery=debug"));
		all.addAll(defaultProperties());
		all.addAll(Arrays.asList(properties));
		this.context = run(all.toArray(String[]::new));
		this.port = Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * Wait until every event tracked so far was delivered and its answer handled.
	 */
	void flushTracker() {
		this.context.getBean(UmamiTracker.class).flush().block(Duration.ofSeconds(10));
	}

	/**
	 * Wait for the next event Umami receives after those taken so far.
	 * @return the event
	 */
	ReceivedEvent takeEvent() {
		this.taken++;
		return this.umami.awaitEvents(this.taken, TIMEOUT).get(this.taken - 1);
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	void startBehindProxy(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.forward-headers-strategy=framework"));
		all.addAll(Arrays.asList(properties));
		start(all.toArray(String[]::new));
	}

	HttpResponse<String> get(String pathAndQuery, String forwardedFor, String... headers) {
		return send("GET", pathAndQuery, forwardedFor, headers);
	}

	HttpResponse<String> send(String method, String pathAndQuery, String forwardedFor, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + pathAndQuery))
			.method(method,
					("GET".equals(method)) ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofString("plan=pro"))
			.timeout(Duration.ofSeconds(20))
			.header("User-Agent", BROWSER)
			.header("Referer", REFERRER)
			.header("Accept-Language", "de-CH,de;q=0.9,en;q=0.8")
			.header("X-Forwarded-For", forwardedFor)
			.header("X-Forwarded-Host", "shop.example.com");
		for (int i = 0; i < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
		}
		try {
			return this.httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Call a path whose response may break off (a failing stream), accepting only an I/O
	 * failure as the way it breaks.
	 * @param pathAndQuery the path
	 */
	void getIgnoringBrokenResponse(String pathAndQuery) throws Exception {
		try {
			get(pathAndQuery);
		}
		catch (IllegalStateException ex) {
			assertThat(ex).hasCauseInstanceOf(IOException.class);
		}
	}

	HttpResponse<String> get(String pathAndQuery) {
		return get(pathAndQuery, VISITOR_IP);
	}

	static String visitorPayload(String url, String ip, String event) {
		return "{\"type\":\"event\",\"payload\":{\"website\":\"" + MockUmamiServer.WEBSITE_ID
				+ "\",\"hostname\":\"shop.example.com\",\"language\":\"de-CH\",\"referrer\":\"" + REFERRER
				+ "\",\"url\":\"" + url + "\"," + event + ",\"ip\":\"" + ip + "\",\"userAgent\":\"" + BROWSER + "\"}}";
	}

	void assertPayload(ReceivedEvent event, String expectedJson) throws Exception {
		JSONAssert.assertEquals(expectedJson, event.request().body(), JSONCompareMode.STRICT);
	}

	@Configuration(proxyBeanMethods = false)
	static class NettyServer {

		@Bean
		NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
			return new NettyReactiveWebServerFactory();
		}

	}

}
