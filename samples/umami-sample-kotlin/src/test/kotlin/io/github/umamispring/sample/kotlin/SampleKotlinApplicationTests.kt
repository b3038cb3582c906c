package io.github.umamispring.sample.kotlin

import io.github.umamispring.test.RecordingUmamiTracker
import io.github.umamispring.test.UmamiAssertions.assertThat
import io.github.umamispring.test.autoconfigure.AutoConfigureUmamiTracker
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment
import org.springframework.boot.test.web.server.LocalServerPort
import java.time.Duration

/**
 * Smoke test of the sample as its users see it, with the recording tracker of
 * `umami-spring-boot-test` in place of Umami.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureUmamiTracker
class SampleKotlinApplicationTests(
	@param:Autowired private val tracker: RecordingUmamiTracker,
	@param:Autowired private val dailyReportJob: DailyReportJob,
	@param:LocalServerPort private val port: Int,
) {

	private val http = SampleHttp(port)

	@Test
	fun homePageIsAPageviewWithItsTitle() {
		assertThat(http.get("/?utm_source=newsletter").statusCode()).isEqualTo(200)
		tracker.awaitPageview("/?utm_source=newsletter", TIMEOUT)
		assertThat(tracker).hasTrackedPageview("/?utm_source=newsletter")
			.withTitle("Umami Coffee")
			.withUserAgent(SampleHttp.FIREFOX)
	}

	@Test
	fun signupOfASuspendFunctionIsTrackedAsTheVisitorWithPlanButNotEmail() {
		assertThat(http.postForm("/signup", "email=ada%40example.com&plan=pro&newsletter=true").body())
			.contains("You are on the pro plan.")
		tracker.awaitEvent("signup", TIMEOUT)
		assertThat(tracker).hasTracked("signup")
			.withData("plan", "pro")
			.withData("newsletter", true)
			.withUrl("/signup")
			.withUserAgent(SampleHttp.FIREFOX)
			.times(1)
		assertThat(tracker.getEvents("signup")[0].data).doesNotContainKey("email")
	}

	@Test
	fun purchaseThroughApiIsTrackedWithDataFromTheSuspendFunctionsResult() {
		assertThat(http.postJson("/api/orders", """{"product":"espresso","quantity":2}""").body())
			.contains("\"total\":49.80")
		tracker.awaitEvent("purchase", TIMEOUT)
		assertThat(tracker).hasTracked("purchase")
			.withData("product", "espresso")
			.withData("quantity", 2)
			.withUrl("/api/orders")
	}

	@Test
	fun checkoutOfNothingIsNotAPurchase() {
		assertThat(http.postForm("/checkout", "product=filter&quantity=0").statusCode()).isEqualTo(200)
		assertThat(http.postForm("/checkout", "product=grinder&quantity=1").statusCode()).isEqualTo(200)
		tracker.awaitEvent("purchase", TIMEOUT)
		// Every purchase counted, then the one there is checked: the empty checkout is none
		assertThat(tracker).hasTracked("purchase").times(1).withData("product", "grinder")
	}

	@Test
	fun catalogIsTrackedOnceWhenTheFlowCompletes() {
		assertThat(http.get("/api/products").body()).contains("espresso", "filter", "grinder")
		tracker.awaitEvent("catalog-viewed", TIMEOUT)
		assertThat(tracker).hasTracked("catalog-viewed").withUrl("/api/products").times(1)
	}

	@Test
	fun backgroundJobSendsItsOwnEventAndReadsTheVerdict() {
		val result = runBlocking { dailyReportJob.report() }
		assertThat(result.isAccepted).isTrue()
		assertThat(tracker).hasTracked("daily-report").withData("products", 3).withUrl("/jobs/daily-report")
	}

	private companion object {

		val TIMEOUT: Duration = Duration.ofSeconds(10)

	}

}
