package io.github.umamispring.compat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.umamispring.UmamiTracker;
import io.github.umamispring.compat.reactive.CompatReactiveApplication;
import io.github.umamispring.compat.servlet.CompatServletApplication;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Websites by hostname ({@code umami.websites}) on the Boot line this module builds
 * against: the indexed list properties bind, an event of a listed hostname goes to its
 * website, others to the default website, and a bad entry fails the application with
 * Boot's failure analysis naming the indexed property.
 *
 * @author umami-spring-boot contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class WebsitesCompatibilityTests {

	private static final String BRAND_B = "6b1c2b4e-3d1f-4e0a-9b5c-7a8d9e0f1a2b";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final MockUmamiServer umami = MockUmamiServer.start().addWebsite(BRAND_B);

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.umami.close();
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void sendsTheEventOfAListedHostnameToItsWebsite(WebApplicationType type) throws Exception {
		ConfigurableApplicationContext context = start(type, "umami.host-url=" + this.umami.getHostUrl(),
				"umami.website-id=" + this.umami.getWebsiteId(), "server.forward-headers-strategy=framework",
				"umami.websites[0].website-id=" + BRAND_B, "umami.websites[0].hostnames[0]=brand-b.example.org",
				"umami.websites[0].hostnames[1]=*.brand-b.example.org");
		assertThat(get(context, "/signup?plan=pro", "eu.brand-b.example.org").statusCode()).isEqualTo(200);
		assertThat(get(context, "/signup?plan=free", "shop.example.com").statusCode()).isEqualTo(200);
		context.getBean(UmamiTracker.class).flush().block(TIMEOUT);
		// In one batch or two requests, in either order
		Map<String, String> events = this.umami.awaitEvents(2, TIMEOUT)
			.stream()
			.collect(Collectors.toMap(ReceivedEvent::hostname, ReceivedEvent::json));
		String stack = type.name().toLowerCase(Locale.ROOT);
		JSONAssert.assertEquals(payload(BRAND_B, "eu.brand-b.example.org", "pro", stack),
				events.get("eu.brand-b.example.org"), JSONCompareMode.STRICT);
		JSONAssert.assertEquals(payload(this.umami.getWebsiteId(), "shop.example.com", "free", stack),
				events.get("shop.example.com"), JSONCompareMode.STRICT);
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void failsAtStartupOnAHostnameOfNoForm(WebApplicationType type, CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(type, "umami.host-url=" + this.umami.getHostUrl(),
				"umami.websites[0].website-id=" + BRAND_B,
				"umami.websites[0].hostnames=brand-b.example.org,shop.*.com"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Invalid value 'shop.*.com' for configuration property 'umami.websites[0].hostnames[1]'",
				"Set 'umami.websites[0].hostnames[1]' to a hostname");
	}

	private static String payload(String website, String hostname, String plan, String stack) {
		return "{\"type\":\"event\",\"payload\":{\"website\":\"" + website + "\",\"hostname\":\"" + hostname
				+ "\",\"language\":\"de-DE\",\"url\":\"/signup?plan=" + plan + "\",\"name\":\"signup\","
				+ "\"data\":{\"plan\":\"" + plan + "\",\"stack\":\"" + stack + "\"},\"ip\":\"127.0.0.1\","
				+ "\"userAgent\":\"" + FIREFOX + "\"}}";
	}

	private ConfigurableApplicationContext start(WebApplicationType type, String... properties) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		Class<?> application = (type == WebApplicationType.SERVLET) ? CompatServletApplication.class
				: CompatReactiveApplication.class;
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(type)
			.run(args.toArray(String[]::new));
		this.contexts.add(context);
		return context;
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path, String forwardedHost)
			throws IOException, InterruptedException {
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("User-Agent", FIREFOX)
			.header("Accept-Language", "de-DE,de;q=0.9,en;q=0.8")
			.header("X-Forwarded-Host", forwardedHost)
			.timeout(TIMEOUT)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
