package io.github.umamispring.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls {@code GET /shop/{item}} of {@link TrackedController} ({@code @TrackEvent(name =
 * "view", data = "{item: #item}")}) with what visitors send past Umami's limits, and
 * asserts that every event reaches the Umami stand-in, which answers as the real server
 * would, with values Umami accepts, and that the {@code umami.events.adjusted} counter
 * says what was changed.
 */
abstract class AbstractVisitorInputIntegrationTests extends AbstractWebIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@AfterEach
	void umamiRefusedNothing() {
		for (String outcome : List.of("bot", "rejected", "failed")) {
			assertThat(registry().get("umami.events").tag("outcome", outcome).counter().count()).as(outcome).isZero();
		}
	}

	@Test
	void sendsLongQueryAndReferrerWhole() throws Exception {
		startBehindProxy();
		String referrer = REFERRER + "&" + "r".repeat(3000);
		get("/shop/book?q=" + "q".repeat(3000), VISITOR_IP, "Referer", referrer);
		Map<String, Object> payload = takeEvent().payload();
		assertThat(payload).containsEntry("name", "view")
			.containsEntry("referrer", referrer)
			.containsEntry("data", Map.of("item", "book"));
		assertThat((String) payload.get("url")).startsWith("/shop/book");
		awaitAccepted(1);
		assertThat(registry().find("umami.events.adjusted").counters()).isEmpty();
	}

	@Test
	void sendsLongUserAgentUnicodePathAndIpv6Client() throws Exception {
		startBehindProxy();
		String userAgent = BROWSER + " " + "u".repeat(2000);
		get("/shop/%C3%A4pfel", "2001:db8::7", "User-Agent", userAgent);
		Map<String, Object> payload = takeEvent().payload();
		assertThat(payload).containsEntry("url", "/shop/%C3%A4pfel")
			.containsEntry("data", Map.of("item", "äpfel"))
			.containsEntry("userAgent", userAgent)
			.containsEntry("ip", "2001:db8::7");
		awaitAccepted(1);
	}

	@Test
	void cutsDataValueOverFiveHundredCharacters(CapturedOutput output) throws Exception {
		startBehindProxy();
		String item = "x".repeat(600);
		get("/shop/" + item);
		assertThat(takeEvent().payload()).containsEntry("data", Map.of("item", "x".repeat(499) + "\u2026"));
		awaitAccepted(1);
		assertThat(adjusted("data")).isOne();
		assertThat(output.getOut().lines().filter((line) -> line.contains("changed to fit Umami's limits")))
			.singleElement()
			.asString()
			.contains("DEBUG", "event 'view'", "data: 'item' cut: 600 characters long, over Umami's limit of 500")
			.doesNotContain("xxxxxxxxxx");
	}

	@Test
	void sendsHostnameInLowerCaseWithoutPort() throws Exception {
		startBehindProxy();
		get("/shop/book", VISITOR_IP, "X-Forwarded-Host", "SHOP.Example.COM:8443");
		assertThat(takeEvent().payload()).containsEntry("hostname", "shop.example.com");
		awaitAccepted(1);
	}

	@Test
	void sendsNoAddressThatIsNotAnIp() throws Exception {
		startBehindProxy();
		get("/shop/book", "not-an-ip, 1.2.3.4");
		Map<String, Object> payload = takeEvent().payload();
		assertThat(payload).containsEntry("name", "view").doesNotContainKey("ip");
		awaitAccepted(1);
		assertThat(adjusted("ip")).isOne();
	}

	@Test
	void keepsFiftyPropertiesAndSendsNumberUmamiCannotHoldAsString() throws Exception {
		startBehindProxy();
		get("/shop/book/specs?properties=60");
		@SuppressWarnings("unchecked")
		Map<String, Object> data = (Map<String, Object>) takeEvent().payload().get("data");
		assertThat(data).hasSize(50)
			.containsEntry("price", "100000000000000000000")
			.containsEntry("p49", "book")
			.doesNotContainKey("p50");
		awaitAccepted(1);
		assertThat(adjusted("data")).isOne();
	}

	@Test
	void cutsLanguageToItsFirstSubtags() throws Exception {
		startBehindProxy();
		get("/shop/book", VISITOR_IP, "Accept-Language", "de-CH-x-abcdefgh-abcdefgh-abcdefgh-abcde;q=0.9");
		assertThat(takeEvent().payload()).containsEntry("language", "de-CH-x-abcdefgh-abcdefgh-abcdefgh");
		awaitAccepted(1);
		assertThat(adjusted("language")).isOne();
	}

	@Test
	void refusesInsteadWhenConfigured(CapturedOutput output) throws Exception {
		startBehindProxy("umami.over-limit=refuse");
		get("/shop/" + "x".repeat(600));
		get("/shop/" + "y".repeat(700));
		assertThat(get("/marker").statusCode()).isEqualTo(200);
		assertThat(takeEvent().payload()).containsEntry("name", "marker");
		awaitAccepted(1);
		assertThat(registry().get("umami.events").tag("outcome", "dropped").counter().count()).isEqualTo(2);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Refused") && line.contains(" WARN ")))
			.singleElement()
			.asString()
			.contains("Refused event 'view'", "umami.over-limit=refuse", "data: 'item' cut: 600 characters long");
	}

	private void awaitAccepted(int count) {
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(registry().get("umami.events").tag("outcome", "accepted").counter().count())
				.isEqualTo(count));
	}

	private double adjusted(String field) {
		Counter counter = registry().find("umami.events.adjusted").tag("field", field).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private MeterRegistry registry() {
		return context().getBean(MeterRegistry.class);
	}

}
