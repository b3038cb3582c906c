package io.github.umamispring.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.github.umamispring.test.server.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts a real application that uses {@code @TrackEvent} as applications do (see
 * {@link Shop}): transactions, entities and records in the data, {@code Optional}
 * results, {@code @Async} methods, run-time event names, and asserts what reaches the
 * Umami stand-in.
 */
abstract class AbstractTrackEventApplicationIntegrationTests extends AbstractWebIntegrationTests {

	@Test
	void joinedTransactionThatRollsBackRecordsNothingAndOneThatCommitsRecordsOnce() throws Exception {
		startBehindProxy();
		assertThat(get("/orders/o-1/rollback").body()).isEqualTo("rolled back");
		assertThat(get("/orders/o-2/checkout").body()).isEqualTo("rolled back");
		assertThat(get("/orders/o-3/commit").body()).isEqualTo("placed");
		assertPayload(takeEvent(), visitorPayload("/orders/o-3/commit", VISITOR_IP,
				"\"name\":\"order-placed\",\"data\":{\"id\":\"o-3\"}"));
		assertNextEventIsMarker();
	}

	@Test
	void resultWhoseToStringRecursesLeavesTheAnswerUntouchedAndNeverArrivesAsText(CapturedOutput output) {
		startBehindProxy();
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> response = get("/customers/bob");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("bob@example.com");
			ReceivedEvent event = takeEvent();
			assertThat(event.name()).isEqualTo("customer-viewed");
			assertThat(event.data()).isEqualTo(Map.of("plan", "pro"));
			assertThat(event.request().body()).doesNotContain("@example.com", "Customer[");
		}
		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ") && line.contains("left out")))
			.singleElement()
			.asString()
			.contains("Shop$Customers.customer(java.lang.String)",
					"'customer' left out: " + Shop.Customer.class.getName())
			.doesNotContain("@example.com");
	}

	@Test
	void recordInTheDataArrivesAsANestedObject() {
		startBehindProxy();
		assertThat(get("/accounts/bob@example.com").body()).isEqualTo("team");
		assertThat(takeEvent().payloadJson())
			.contains("\"data\":{\"account\":{\"email\":\"bob@example.com\",\"plan\":\"team\"}}");
	}

	@Test
	void resultOfAnOptionalIsItsValue() {
		startBehindProxy();
		assertThat(get("/products/42").body()).isEqualTo("9.90");
		assertThat(takeEvent().payloadJson()).contains("\"data\":{\"found\":true,\"price\":9.90}");
		assertThat(get("/products/7").body()).isEqualTo("none");
		assertThat(takeEvent().payloadJson()).contains("\"data\":{\"found\":false,\"price\":null}");
	}

	@Test
	void asyncMethodRecordsTheVisitorOfTheRequest() {
		startBehindProxy();
		assertThat(get("/orders/o-1/confirm").body()).isEqualTo("o-1");
		assertAsyncEvent(takeEvent(), "{\"id\":\"o-1\",\"tenant\":null}");
	}

	@Test
	void asyncMethodRecordsTheVisitorBesideTheApplicationsTaskDecorator() {
		startBehindProxy("test.tenant-decorator=true");
		assertThat(get("/orders/o-1/confirm").body()).isEqualTo("o-1");
		assertAsyncEvent(takeEvent(), "{\"id\":\"o-1\",\"tenant\":\"acme\"}");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void asyncMethodOnAVirtualThreadRecordsTheVisitorOfTheRequest() {
		startBehindProxy("spring.threads.virtual.enabled=true", "test.tenant-decorator=true");
		assertThat(get("/orders/o-1/confirm-on-virtual-thread").body()).isEqualTo("o-1");
		assertAsyncEvent(takeEvent(), "{\"id\":\"o-1\",\"tenant\":\"acme\",\"virtual\":true}");
	}

	private void assertAsyncEvent(ReceivedEvent event, String data) {
		assertThat(event.name()).isEqualTo("order-confirmed");
		assertThat(event.userAgent()).isEqualTo(BROWSER);
		assertThat(event.ip()).isEqualTo(VISITOR_IP);
		assertThat(event.hostname()).isEqualTo("shop.example.com");
		assertThat(event.payloadJson()).contains("\"data\":" + data);
	}

	@Test
	void trackWithANameUmamiRefusesReturnsNormallyAndCountsTheEventRejected(CapturedOutput output) throws Exception {
		startBehindProxy();
		assertThat(Shop.LONG_NAME).hasSize(60);
		assertThat(get("/track/long-name").body()).isEqualTo("tracked");
		MeterRegistry registry = context().getBean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> rejected(registry) == 1.0);
		assertNextEventIsMarker();
		assertThat(output).contains("Did not send a custom event that Umami would refuse: Event name '" + Shop.LONG_NAME
				+ "' is 60 characters long; Umami accepts at most 50");
	}

	private static double rejected(MeterRegistry registry) {
		Counter counter = registry.find("umami.events").tag("outcome", "rejected").counter();
		return (counter != null) ? counter.count() : 0;
	}

	void assertNextEventIsMarker() {
		assertThat(get("/marker").statusCode()).isEqualTo(200);
		assertThat(takeEvent().name()).isEqualTo("marker");
	}

}
