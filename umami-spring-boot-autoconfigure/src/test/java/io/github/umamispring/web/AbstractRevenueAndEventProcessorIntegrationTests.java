package io.github.umamispring.web;

import java.time.Duration;

import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts a real application that records revenue and a tag with {@code @TrackEvent}, and
 * changes and drops its events with {@link io.github.umamispring.UmamiEventProcessor}
 * beans (see {@link Checkout}), calls it over HTTP as a browser behind a proxy would, and
 * asserts the JSON that reaches the Umami stand-in.
 * <p>
 * The applications serve {@code /checkout/{order}} ({@code @TrackEvent} with revenue,
 * currency and tag), {@code /signup} ({@code @TrackEvent}), {@code /pricing} (a page),
 * {@code /identify/{user}} ({@code UmamiTracker.identify}), {@code /reports/export}
 * ({@code UmamiTracker.send}, answering its result) and {@code /marker}.
 */
abstract class AbstractRevenueAndEventProcessorIntegrationTests extends AbstractWebIntegrationTests {

	private static final String PROCESSED = "\"environment\":\"staging\",\"release\":\"1.4.2-staging\"";

	@Test
	void recordsRevenueCurrencyAndTagOfTrackEvent() throws Exception {
		startBehindProxy("test.processors=false");
		String path = "/checkout/o-1?total=19.99&currency=eur&variant=spring-sale";
		assertThat(get(path).statusCode()).isEqualTo(200);
		ReceivedEvent event = takeEvent();
		assertPayload(event, visitorPayload(path, VISITOR_IP, "\"name\":\"checkout\",\"tag\":\"spring-sale\","
				+ "\"data\":{\"revenue\":19.99,\"currency\":\"EUR\",\"order\":\"o-1\"}"));
		// a number, and first in the data
		assertThat(event.request().body())
			.contains("\"data\":{\"revenue\":19.99,\"currency\":\"EUR\",\"order\":\"o-1\"}");
	}

	@Test
	void fitsOrLeavesOutRevenueACallGivesThatUmamiCannotRecordAndCountsIt() throws Exception {
		startBehindProxy("test.processors=false");
		String rounded = "/checkout/o-2?total=9.12345&currency=usd&variant=b";
		assertThat(get(rounded).statusCode()).isEqualTo(200);
		assertPayload(takeEvent(), visitorPayload(rounded, VISITOR_IP,
				"\"name\":\"checkout\",\"tag\":\"b\",\"data\":{\"revenue\":9.1235,\"currency\":\"USD\",\"order\":\"o-2\"}"));
		String refund = "/checkout/o-3?total=-5&currency=EUR&variant=b";
		assertThat(get(refund).statusCode()).isEqualTo(200);
		assertPayload(takeEvent(),
				visitorPayload(refund, VISITOR_IP, "\"name\":\"checkout\",\"tag\":\"b\",\"data\":{\"order\":\"o-3\"}"));
		String noCurrency = "/checkout/o-4?total=10&currency=euro&variant=" + "v".repeat(51);
		assertThat(get(noCurrency).statusCode()).isEqualTo(200);
		assertPayload(takeEvent(),
				visitorPayload(noCurrency, VISITOR_IP, "\"name\":\"checkout\",\"data\":{\"order\":\"o-4\"}"));
		MeterRegistry registry = context().getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(adjusted(registry, "revenue")).isEqualTo(2);
			assertThat(adjusted(registry, "currency")).isEqualTo(1);
			assertThat(adjusted(registry, "tag")).isEqualTo(1);
		});
	}

	@Test
	void processorBeansChangeEveryEvent() throws Exception {
		startBehindProxy("umami.pageviews.enabled=true");
		assertThat(get("/signup?plan=pro").body()).isEqualTo("signed up for pro");
		assertPayload(takeEvent(), visitorPayload("/signup?plan=pro", VISITOR_IP,
				"\"name\":\"signup\",\"data\":{\"plan\":\"pro\"," + PROCESSED + "}"));
		String checkout = "/checkout/o-1?total=19.99&currency=EUR&variant=a";
		assertThat(get(checkout).statusCode()).isEqualTo(200);
		assertPayload(takeEvent(), visitorPayload(checkout, VISITOR_IP, "\"name\":\"checkout\",\"tag\":\"a\","
				+ "\"data\":{\"revenue\":19.99,\"currency\":\"EUR\",\"order\":\"o-1\"," + PROCESSED + "}"));
		assertThat(get("/pricing", VISITOR_IP, "Accept", "text/html").statusCode()).isEqualTo(200);
		assertPayload(takeEvent(), visitorPayload("/pricing", VISITOR_IP, "\"data\":{" + PROCESSED + "}"));
		assertThat(get("/identify/u-7").body()).isEqualTo("identified");
		assertPayload(takeEvent(), "{\"type\":\"identify\",\"payload\":{\"website\":\"" + MockUmamiServer.WEBSITE_ID
				+ "\",\"id\":\"u-7\",\"data\":{\"plan\":\"pro\"," + PROCESSED + "}}}");
	}

	@Test
	void appliesProcessorsInTheirOrder() throws Exception {
		startBehindProxy();
		assertThat(get("/signup?plan=team").statusCode()).isEqualTo(200);
		// release (@Order(20)) reads what environment (@Order(10)) added, though declared
		// before it
		assertThat(takeEvent().data()).containsEntry("environment", "staging")
			.containsEntry("release", "1.4.2-staging");
	}

	@Test
	void processorBeanDropsEventsOfInternalUsersCountedAsDropped() throws Exception {
		startBehindProxy();
		assertThat(get("/signup?plan=pro", "10.0.4.2").body()).isEqualTo("signed up for pro");
		assertThat(get("/identify/staff-ann").body()).isEqualTo("identified");
		assertThat(get("/reports/export?user=staff-ann").body()).isEqualTo(
				"Dropped[reason=dropped by an event processor (" + Checkout.DropInternalUsers.class.getName() + ")]");
		assertNextEventIsMarker();
		MeterRegistry registry = context().getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> dropped(registry) == 3);
		assertThat(get("/reports/export?user=u-7").body()).startsWith("Accepted[");
		assertPayload(takeEvent(), "{\"type\":\"event\",\"payload\":{\"website\":\"" + MockUmamiServer.WEBSITE_ID
				+ "\",\"name\":\"report-exported\",\"id\":\"u-7\",\"data\":{" + PROCESSED + "}}}");
	}

	@Test
	void processorThatThrowsNeverReachesTheCallerAndIsLoggedWithoutTheVisitor(CapturedOutput output) throws Exception {
		startBehindProxy("test.failing-processor=true");
		for (int i = 0; i < 2; i++) {
			assertThat(get("/signup?plan=pro").body()).isEqualTo("signed up for pro");
		}
		assertNextEventIsMarker();
		MeterRegistry registry = context().getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> dropped(registry) == 2);
		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ") && line.contains("processor")))
			.singleElement()
			.asString()
			.contains("Umami event processor " + Checkout.EventProcessors.class.getName()
					+ "$$Lambda failed with java.lang.IllegalStateException; the event was dropped")
			.doesNotContain(VISITOR_IP);
	}

	void assertNextEventIsMarker() {
		assertThat(get("/marker").statusCode()).isEqualTo(200);
		assertThat(takeEvent().name()).isEqualTo("marker");
	}

	private static double adjusted(MeterRegistry registry, String field) {
		Counter counter = registry.find("umami.events.adjusted").tag("field", field).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static double dropped(MeterRegistry registry) {
		Counter counter = registry.find("umami.events").tag("outcome", "dropped").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
