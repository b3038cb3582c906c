package io.github.umamispring.sample.webmvc;

import java.time.Duration;

import io.github.umamispring.test.RecordingUmamiTracker;
import io.github.umamispring.test.autoconfigure.AutoConfigureUmamiTracker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.umamispring.test.UmamiAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of the sample as its users see it, with the recording tracker of
 * {@code umami-spring-boot-test} in place of Umami.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureUmamiTracker
class SampleWebMvcApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private RecordingUmamiTracker tracker;

	@Autowired
	private DailyReportJob dailyReportJob;

	@LocalServerPort
	private int port;

	@Test
	void homePageIsAPageviewWithItsTitle() throws Exception {
		assertThat(new SampleHttp(this.port).get("/?utm_source=newsletter").statusCode()).isEqualTo(200);
		this.tracker.awaitPageview("/?utm_source=newsletter", TIMEOUT);
		assertThat(this.tracker).hasTrackedPageview("/?utm_source=newsletter")
			.withTitle("Umami Coffee")
			.withUserAgent(SampleHttp.FIREFOX);
	}

	@Test
	void signupIsTrackedWithPlanButNotEmail() throws Exception {
		new SampleHttp(this.port).postForm("/signup", "email=ada%40example.com&plan=pro&newsletter=true");
		this.tracker.awaitEvent("signup", TIMEOUT);
		assertThat(this.tracker).hasTracked("signup").withData("plan", "pro").withData("newsletter", true).times(1);
		assertThat(this.tracker.getEvents("signup").get(0).getData()).doesNotContainKey("email");
	}

	@Test
	void purchaseThroughApiIsTrackedWithDataFromResult() throws Exception {
		assertThat(
				new SampleHttp(this.port).postJson("/api/orders", "{\"product\":\"espresso\",\"quantity\":2}").body())
			.contains("\"total\":49.80");
		this.tracker.awaitEvent("purchase", TIMEOUT);
		assertThat(this.tracker).hasTracked("purchase")
			.withData("product", "espresso")
			.withData("quantity", 2)
			.withUrl("/api/orders");
	}

	@Test
	void checkoutOfNothingIsNotAPurchase() throws Exception {
		assertThat(new SampleHttp(this.port).postForm("/checkout", "product=filter&quantity=0").statusCode())
			.isEqualTo(200);
		assertThat(new SampleHttp(this.port).postForm("/checkout", "product=grinder&quantity=1").statusCode())
			.isEqualTo(200);
		this.tracker.awaitEvent("purchase", TIMEOUT);
		// Every purchase counted, then the one there is checked: the empty checkout is
		// none
		assertThat(this.tracker).hasTracked("purchase").times(1).withData("product", "grinder");
	}

	@Test
	void backgroundJobSendsItsOwnEvent() {
		this.dailyReportJob.report();
		assertThat(this.tracker.awaitEvent("daily-report", TIMEOUT).getData()).containsEntry("products", 3);
	}

}
