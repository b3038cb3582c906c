package io.github.umamispring

import io.github.umamispring.autoconfigure.UmamiAutoConfiguration
import io.github.umamispring.testsupport.UmamiFixture
import kotlinx.coroutines.runBlocking
import mockwebserver3.MockWebServer
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.skyscreamer.jsonassert.JSONAssert
import org.skyscreamer.jsonassert.JSONCompareMode
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import java.net.ServerSocket
import java.util.concurrent.TimeUnit

/**
 * Tests for the coroutine extensions of [UmamiTracker], with the auto-configured tracker
 * sending to a loopback server that answers as Umami 3.1.0 does.
 */
class UmamiTrackerExtensionsTests {

	private val umami = MockWebServer().apply { start() }

	private val contextRunner = ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UmamiAutoConfiguration::class.java))
		.withPropertyValues("umami.website-id=$WEBSITE_ID")

	@AfterEach
	fun stopUmami() {
		umami.close()
	}

	@Test
	fun sendAndAwaitSuspendsUntilUmamiAnswers() {
		umami.enqueue(UmamiFixture.load("send-event-accepted").response())
		contextRunner.withPropertyValues("umami.host-url=${umami.url("/")}").run { context ->
			val tracker = context.getBean(UmamiTracker::class.java)
			val result = runBlocking {
				tracker.sendAndAwait(umamiEvent("signup") {
					url("/signup")
					data("plan" to "pro", "seats" to 3)
				})
			}
			assertThat(result).isInstanceOf(UmamiResult.Accepted::class.java)
			val request = umami.takeRequest(5, TimeUnit.SECONDS)!!
			assertThat(request.target).isEqualTo("/api/send")
			JSONAssert.assertEquals("""
				{"type":"event","payload":{"website":"$WEBSITE_ID","url":"/signup",
				"name":"signup","data":{"plan":"pro","seats":3}}}
				""", request.body!!.utf8(), JSONCompareMode.STRICT)
		}
	}

	@Test
	fun sendAndAwaitAnswersFailedWithoutThrowingWhenUmamiIsNotListening() {
		val closedPort = ServerSocket(0).use { it.localPort }
		contextRunner.withPropertyValues("umami.host-url=http://127.0.0.1:$closedPort").run { context ->
			val tracker = context.getBean(UmamiTracker::class.java)
			val result = runBlocking { tracker.sendAndAwait(umamiEvent("signup")) }
			assertThat(result).isInstanceOf(UmamiResult.Failed::class.java)
		}
	}

	@Test
	fun flushAndAwaitResumesOnceTrackedEventsWereDelivered() {
		umami.enqueue(UmamiFixture.load("send-event-accepted").response())
		contextRunner.withPropertyValues("umami.host-url=${umami.url("/")}").run { context ->
			val tracker = context.getBean(UmamiTracker::class.java)
			tracker.track(umamiEvent("signup"))
			runBlocking { tracker.flushAndAwait() }
			// delivered before flushAndAwait resumed: no waiting here
			assertThat(umami.requestCount).isEqualTo(1)
		}
	}

	private companion object {

		const val WEBSITE_ID = "51499dbe-116f-42b4-9a2e-dfcfc230677f"

	}

}
