package io.github.umamispring.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiDeliveryListener;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An application that serves several hostnames, each its own website in Umami
 * ({@code umami.websites}), called with the Host header of each, as browsers of each
 * brand would.
 */
abstract class AbstractWebsitesIntegrationTests extends AbstractWebIntegrationTests {

	static final String BRAND_B = "6b1c2b4e-3d1f-4e0a-9b5c-7a8d9e0f1a2b";

	static final String BRAND_C = "a3c5e7f9-1b2d-4f6a-8c0e-2d4f6a8c0e1f";

	private static final String[] WEBSITES = { "umami.websites[0].website-id=" + BRAND_B,
			"umami.websites[0].hostnames=brand-b.example.org", "umami.websites[1].website-id=" + BRAND_C,
			"umami.websites[1].hostnames=*.brand-c.example.net,brand-c.example.net" };

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void sendsTheEventsOfEachHostnameToItsWebsite() throws Exception {
		this.umami.addWebsite(BRAND_B).addWebsite(BRAND_C);
		startWithWebsites();
		assertThat(getWithHost("/signup?plan=pro", "Brand-B.example.org:8443")).isEqualTo(200);
		assertPayload(takeEvent(), payload(BRAND_B, "brand-b.example.org", "pro"));
		assertThat(getWithHost("/signup?plan=team", "eu.brand-c.example.net")).isEqualTo(200);
		assertPayload(takeEvent(), payload(BRAND_C, "eu.brand-c.example.net", "team"));
		assertThat(getWithHost("/signup?plan=team", "brand-c.example.net")).isEqualTo(200);
		assertPayload(takeEvent(), payload(BRAND_C, "brand-c.example.net", "team"));
		assertThat(getWithHost("/signup?plan=free", "shop.example.com")).isEqualTo(200);
		assertPayload(takeEvent(), payload(MockUmamiServer.WEBSITE_ID, "shop.example.com", "free"));
		flushTracker();
		assertThat(accepted()).isEqualTo(4);
	}

	@Test
	void sendsThePageviewsOfEachHostnameToItsWebsite() throws Exception {
		this.umami.addWebsite(BRAND_B).addWebsite(BRAND_C);
		startWithWebsites("umami.pageviews.enabled=true");
		assertThat(getWithHost("/welcome", "x.brand-c.example.net")).isEqualTo(200);
		ReceivedEvent pageview = takeEvent();
		assertThat(pageview.isPageview()).isTrue();
		assertThat(pageview.url()).isEqualTo("/welcome");
		assertWebsite(pageview, "x.brand-c.example.net", BRAND_C);
	}

	@Test
	void sendsTheEventsOfTheForwardedHostToItsWebsiteBehindAProxy() throws Exception {
		this.umami.addWebsite(BRAND_B).addWebsite(BRAND_C);
		startWithWebsites("server.forward-headers-strategy=framework");
		assertThat(send("GET", "/signup?plan=pro", VISITOR_IP, "X-Forwarded-Host", "brand-b.example.org").statusCode())
			.isEqualTo(200);
		ReceivedEvent event = takeEvent();
		assertWebsite(event, "brand-b.example.org", BRAND_B);
		assertThat(event.ip()).isEqualTo(VISITOR_IP);
	}

	@Test
	void dropsCountsAndWarnsOfTheEventsOfAHostnameWithoutWebsiteWhenThereIsNoDefault(CapturedOutput output)
			throws Exception {
		this.umami.addWebsite(BRAND_B).addWebsite(BRAND_C);
		startWithWebsites("umami.website-id=");
		Queue<UmamiResult> results = new ConcurrentLinkedQueue<>();
		context().getBean(DefaultUmamiTracker.class).addListener(new UmamiDeliveryListener() {

			@Override
			public void onResult(UmamiEvent event, UmamiResult result) {
				results.add(result);
			}

		});
		assertThat(getWithHost("/signup?plan=pro", "shop.example.com")).isEqualTo(200);
		assertThat(getWithHost("/signup?plan=pro", "brand-b.example.org")).isEqualTo(200);
		assertPayload(takeEvent(), payload(BRAND_B, "brand-b.example.org", "pro"));
		flushTracker();
		assertThat(this.umami.events()).hasSize(1);
		assertThat(results).extracting(UmamiResult::outcome).containsExactly("dropped", "accepted");
		assertThat(results).first()
			.isEqualTo(new UmamiResult.Dropped("no website for hostname shop.example.com: it matches none of the"
					+ " websites listed by hostname, and there is no default website"));
		Counter dropped = context().getBean(MeterRegistry.class)
			.find("umami.events")
			.tag("outcome", "dropped")
			.counter();
		assertThat(dropped).isNotNull();
		assertThat(dropped.count()).isEqualTo(1);
		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ") && line.contains("no website")))
			.singleElement()
			.asString()
			.contains("Did not send event 'signup': no website for hostname shop.example.com",
					"List the hostname under a website of umami.websites, or set umami.website-id");
	}

	@Test
	void failsToStartWhenAHostnameIsListedForTwoWebsites(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> startWithWebsites("umami.websites[1].hostnames=*.brand-c.example.net,BRAND-B.example.org"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Invalid value 'BRAND-B.example.org' for configuration property 'umami.websites[1].hostnames[1]'",
				"'brand-b.example.org' is listed for website " + BRAND_B + " and for website " + BRAND_C
						+ "; a hostname belongs to one website. Remove it from"
						+ " 'umami.websites[1].hostnames[1]' or from 'umami.websites[0].hostnames[0]'.");
	}

	@Test
	void failsToStartWhenAWebsiteIdIsNotAUuid(CapturedOutput output) {
		assertThatException().isThrownBy(() -> startWithWebsites("umami.websites[1].website-id=brand-c"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"Invalid value 'brand-c' for configuration property 'umami.websites[1].website-id'",
				"Umami identifies websites by UUID and refuses events for anything else. Set"
						+ " 'umami.websites[1].website-id' to the website ID shown in Umami");
	}

	@Test
	void dryRunLogsTheJsonWithTheWebsiteOfTheHostname(CapturedOutput output) throws Exception {
		startWithWebsites("umami.dry-run=true");
		assertThat(getWithHost("/signup?plan=pro", "brand-b.example.org")).isEqualTo(200);
		flushTracker();
		assertThat(output).contains("Umami dry run, would send {\"type\":\"event\",\"payload\":{\"website\":\""
				+ BRAND_B + "\",\"hostname\":\"brand-b.example.org\",\"language\":\"de-CH\","
				+ "\"url\":\"/signup?plan=pro\",\"name\":\"signup\",\"data\":{\"plan\":\"pro\"}}}");
		assertThat(this.umami.events()).isEmpty();
	}

	private void startWithWebsites(String... properties) {
		List<String> all = new ArrayList<>(Arrays.asList(WEBSITES));
		all.addAll(Arrays.asList(properties));
		start(all.toArray(String[]::new));
	}

	private static String payload(String website, String hostname, String plan) {
		return "{\"type\":\"event\",\"payload\":{\"website\":\"" + website + "\",\"hostname\":\"" + hostname
				+ "\",\"language\":\"de-CH\",\"url\":\"/signup?plan=" + plan
				+ "\",\"name\":\"signup\",\"data\":{\"plan\":\"" + plan + "\"},\"ip\":\"127.0.0.1\",\"userAgent\":\""
				+ BROWSER + "\"}}";
	}

	private void assertWebsite(ReceivedEvent event, String hostname, String website) {
		assertThat(event.hostname()).isEqualTo(hostname);
		assertThat(event.website()).isEqualTo(website);
	}

	private double accepted() {
		Counter counter = context().getBean(MeterRegistry.class)
			.find("umami.events")
			.tag("outcome", "accepted")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Call the application with a Host header of its own, which the JDK's HTTP clients do
	 * not let a caller set.
	 * @param pathAndQuery the path
	 * @param host the Host header
	 * @return the status of the response
	 */
	int getWithHost(String pathAndQuery, String host) throws IOException {
		int port = Integer.parseInt(context().getEnvironment().getProperty("local.server.port"));
		try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + BROWSER
					+ "\r\nAccept: text/html,*/*;q=0.8\r\nAccept-Language: de-CH,de;q=0.9\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(response).startsWith("HTTP/1.1 ");
			return Integer.parseInt(response.substring(9, 12));
		}
	}

}
