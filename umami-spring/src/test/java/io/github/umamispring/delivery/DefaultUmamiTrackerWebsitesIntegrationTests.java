package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiWebsites;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import io.github.umamispring.test.server.ReceivedRequest;
import io.github.umamispring.testsupport.CapturedOutput;
import io.github.umamispring.testsupport.Json;
import io.github.umamispring.testsupport.OutputCaptureExtension;
import io.github.umamispring.transport.UmamiTransport;
import io.github.umamispring.transport.WebClientUmamiTransport;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultUmamiTracker} with websites chosen by hostname
 * ({@link UmamiWebsites}), against a {@link MockUmamiServer} that knows every website.
 *
 * @author umami-spring-boot contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class DefaultUmamiTrackerWebsitesIntegrationTests {

	private static final String BRAND_B = "6b1c2b4e-3d1f-4e0a-9b5c-7a8d9e0f1a2b";

	private static final String BRAND_C = "a3c5e7f9-1b2d-4f6a-8c0e-2d4f6a8c0e1f";

	private static final String OWN = "0f8f4ea3-5e04-4a5b-9a4c-2f1f6f1c7d11";

	private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) umami-spring-boot";

	private static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Firefox/126.0";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final UmamiWebsites WEBSITES = UmamiWebsites.builder()
		.website(BRAND_B, "brand-b.example.org")
		.website(BRAND_C, "*.brand-c.example.net")
		.build();

	private final MockUmamiServer umami = MockUmamiServer.start()
		.addWebsite(BRAND_B)
		.addWebsite(BRAND_C)
		.addWebsite(OWN);

	private final List<DefaultUmamiTracker> trackers = new ArrayList<>();

	private final Queue<UmamiResult> results = new ConcurrentLinkedQueue<>();

	@AfterEach
	void stop() {
		this.trackers.forEach(DefaultUmamiTracker::stop);
		this.umami.close();
	}

	@Test
	void sendsEachEventToTheWebsiteOfItsHostname() {
		DefaultUmamiTracker tracker = tracker(MockUmamiServer.WEBSITE_ID, "jobs.example.com", false);
		tracker.track(UmamiEvent.event("b").hostname("Brand-B.Example.org").build());
		tracker.track(UmamiEvent.event("c").hostname("eu.brand-c.example.net").build());
		tracker.track(UmamiEvent.event("c-apex").hostname("brand-c.example.net").build());
		tracker.track(UmamiEvent.event("job").build());
		tracker.track(UmamiEvent.event("own").hostname("brand-b.example.org").website(OWN).build());
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(this.umami.events()).extracting(ReceivedEvent::name, ReceivedEvent::hostname, ReceivedEvent::website)
			.containsExactlyInAnyOrder(Tuple.tuple("b", "brand-b.example.org", BRAND_B),
					Tuple.tuple("c", "eu.brand-c.example.net", BRAND_C),
					Tuple.tuple("c-apex", "brand-c.example.net", MockUmamiServer.WEBSITE_ID),
					Tuple.tuple("job", "jobs.example.com", MockUmamiServer.WEBSITE_ID),
					Tuple.tuple("own", "brand-b.example.org", OWN));
		assertThat(this.results).extracting(UmamiResult::outcome).containsOnly("accepted").hasSize(5);
	}

	@Test
	void sendsEventsWithoutHostnameToTheWebsiteOfTheDefaultHostname() {
		DefaultUmamiTracker tracker = tracker(null, "brand-b.example.org", false);
		assertThat(tracker.send(UmamiEvent.event("nightly-report").build()).block(TIMEOUT)).isNotNull()
			.satisfies((result) -> assertThat(result.isAccepted()).isTrue());
		assertThat(this.umami.events()).singleElement()
			.satisfies((event) -> assertThat(event.website()).isEqualTo(BRAND_B));
	}

	@Test
	@SuppressWarnings("unchecked")
	void batchCarriesEachItemsWebsiteAndTheCacheTokenOnlyForOneVisitorOfOneWebsite() {
		DefaultUmamiTracker tracker = tracker(MockUmamiServer.WEBSITE_ID, null, true);
		// The visitor gets a cache token for the default website
		assertThat(tracker.send(visitorEvent("login", "shop.example.com")).block(TIMEOUT))
			.satisfies((result) -> assertThat(result.isAccepted()).isTrue());
		String token = this.umami.cacheTokenFor("203.0.113.7", FIREFOX);
		assertThat(token).isNotNull();
		tracker.track(visitorEvent("a", "shop.example.com"));
		tracker.track(visitorEvent("b", "brand-b.example.org"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		tracker.track(visitorEvent("c", "shop.example.com"));
		tracker.track(visitorEvent("d", "www.shop.example.com"));
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		List<ReceivedRequest> batches = this.umami.requests("/api/batch");
		assertThat(batches).hasSize(2);
		List<Object> items = Json.parseList(batches.get(0).body());
		assertThat(items).extracting((item) -> ((Map<String, Object>) ((Map<String, Object>) item).get("payload")))
			.extracting((payload) -> payload.get("name"), (payload) -> payload.get("website"))
			.containsExactly(Tuple.tuple("a", MockUmamiServer.WEBSITE_ID), Tuple.tuple("b", BRAND_B));
		assertThat(batches.get(0).header("x-umami-cache")).as("a token is bound to one website").isNull();
		assertThat(batches.get(1).header("x-umami-cache")).as("one visitor of one website").isEqualTo(token);
		assertThat(this.results).extracting(UmamiResult::outcome).containsOnly("accepted").hasSize(5);
	}

	@Test
	void sendsAVisitorsCacheTokenOnlyWithEventsOfTheWebsiteItCameFrom() {
		DefaultUmamiTracker tracker = tracker(MockUmamiServer.WEBSITE_ID, null, false);
		assertThat(tracker.send(visitorEvent("login", "shop.example.com")).block(TIMEOUT))
			.satisfies((result) -> assertThat(result.isAccepted()).isTrue());
		String token = this.umami.cacheTokenFor("203.0.113.7", FIREFOX);
		assertThat(token).isNotNull();
		assertThat(tracker.send(visitorEvent("b", "brand-b.example.org")).block(TIMEOUT))
			.satisfies((result) -> assertThat(result.isAccepted()).isTrue());
		assertThat(tracker.send(visitorEvent("c", "shop.example.com")).block(TIMEOUT))
			.satisfies((result) -> assertThat(result.isAccepted()).isTrue());
		List<ReceivedRequest> sent = this.umami.requests("/api/send");
		assertThat(sent).extracting((request) -> request.header("x-umami-cache"))
			.as("the token of the default website's session is not sent to website B")
			.containsExactly(null, null, token);
		assertThat(this.umami.events()).extracting(ReceivedEvent::website)
			.containsExactly(MockUmamiServer.WEBSITE_ID, BRAND_B, MockUmamiServer.WEBSITE_ID);
	}

	@Test
	void dropsAnEventOfNoWebsiteAndWarnsOncePerWindowNamingItsHostname(CapturedOutput output) {
		DefaultUmamiTracker tracker = tracker(null, null, false);
		tracker.track(UmamiEvent.event("signup").hostname("shop.example.com").build());
		UmamiResult sent = tracker.send(UmamiEvent.event("signup").hostname("other.example.com").build())
			.block(TIMEOUT);
		tracker.track(UmamiEvent.event("job").build());
		tracker.track(UmamiEvent.event("signup").hostname("brand-b.example.org").build());
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(sent).isEqualTo(new UmamiResult.Dropped("no website for hostname other.example.com: it matches"
				+ " none of the websites listed by hostname, and there is no default website"));
		assertThat(this.results).extracting(UmamiResult::outcome)
			.containsExactly("dropped", "dropped", "dropped", "accepted");
		assertThat(this.results).element(2)
			.isEqualTo(new UmamiResult.Dropped("no website for an event without hostname: it matches none of the"
					+ " websites listed by hostname, and there is no default website"));
		assertThat(this.umami.events()).singleElement()
			.satisfies((event) -> assertThat(event.website()).isEqualTo(BRAND_B));
		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ") && line.contains("no website")))
			.as("hostnames come from the Host header, which any client sets: one warning per window")
			.singleElement()
			.asString()
			.contains("Did not send event 'signup': no website for hostname shop.example.com: it matches none of the"
					+ " websites listed by hostname, and there is no default website. List the hostname under a"
					+ " website of umami.websites, or set umami.website-id for every other hostname"
					+ " (repeats within 5 minutes are logged at DEBUG)");
	}

	@Test
	void dryRunLogsTheJsonWithTheWebsiteOfTheHostname(CapturedOutput output) {
		DefaultUmamiTracker tracker = tracker(UmamiTransport.dryRun(), MockUmamiServer.WEBSITE_ID, null, false);
		tracker.track(UmamiEvent.event("signup").hostname("brand-b.example.org").url("/signup").build());
		StepVerifier.create(tracker.flush()).expectComplete().verify(TIMEOUT);
		assertThat(output).contains("Umami dry run, would send {\"type\":\"event\",\"payload\":{\"website\":\""
				+ BRAND_B + "\",\"hostname\":\"brand-b.example.org\",\"url\":\"/signup\",\"name\":\"signup\"}}");
	}

	private static UmamiEvent visitorEvent(String name, String hostname) {
		return UmamiEvent.event(name).hostname(hostname).ip("203.0.113.7").userAgent(FIREFOX).build();
	}

	private DefaultUmamiTracker tracker(String websiteId, String hostname, boolean batch) {
		return tracker(WebClientUmamiTransport.builder(this.umami.getHostUrl()).build(), websiteId, hostname, batch);
	}

	private DefaultUmamiTracker tracker(UmamiTransport transport, String websiteId, String hostname, boolean batch) {
		UmamiDeliveryOptions options = UmamiDeliveryOptions.builder()
			.batchEnabled(batch)
			.batchMaxSize(batch ? 2 : 1)
			.batchMaxWait(batch ? Duration.ofSeconds(2) : Duration.ZERO)
			.shutdownTimeout(Duration.ofSeconds(2))
			.build();
		DefaultUmamiTracker tracker = new DefaultUmamiTracker(transport,
				new UmamiEventDefaults(websiteId, hostname, AGENT, WEBSITES), options);
		tracker.addListener(new UmamiDeliveryListener() {

			@Override
			public void onResult(UmamiEvent event, UmamiResult result) {
				DefaultUmamiTrackerWebsitesIntegrationTests.this.results.add(result);
			}

		});
		tracker.start();
		this.trackers.add(tracker);
		return tracker;
	}

}
