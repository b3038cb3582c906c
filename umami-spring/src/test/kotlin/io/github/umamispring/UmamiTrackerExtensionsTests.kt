package io.github.umamispring

import io.github.umamispring.delivery.DefaultUmamiTracker
import io.github.umamispring.delivery.UmamiEventDefaults
import io.github.umamispring.testsupport.UmamiFixture
import io.github.umamispring.transport.WebClientUmamiTransport
import kotlinx.coroutines.runBlocking
import mockwebserver3.MockWebServer
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.skyscreamer.jsonassert.JSONAssert
import org.skyscreamer.jsonassert.JSONCompareMode
import java.net.ServerSocket
import java.util.concurrent.TimeUnit

/**
 * Tests for the coroutine extensions of [UmamiTracker], with the default tracker
 * sending to a loopback server that answers as Umami 3.1.0 does.
 */
class UmamiTrackerExtensionsTests {

	private val umami = MockWebServer().apply { start() }

	private val trackers = mutableListOf<DefaultUmamiTracker>()

	@AfterEach
	fun stopUmami() {
		trackers.forEach { it.stop() }
		umami.close()
	}

	private fun run(hostUrl: String, test: (UmamiTracker) -> Unit) {
		val transport = WebClientUmamiTransport.builder(hostUrl).build()
		val tracker = DefaultUmamiTracker(transport, UmamiEventDefaults(WEBSITE_ID, null, "Mozilla/5.0 (X11; Linux x86_64)"))
		trackers.add(tracker)
		tracker.start()
		test(tracker)
	}

	@Test
	fun sendAndAwaitSuspendsUntilUmamiAnswers() {
		umami.enqueue(UmamiFixture.load("send-event-accepted").response())
		run(umami.url("/").toString()) { tracker ->
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
		run("http://127.0.0.1:$closedPort") { tracker ->
			val result = runBlocking { tracker.sendAndAwait(umamiEvent("signup")) }
			assertThat(result).isInstanceOf(UmamiResult.Failed::class.java)
		}
	}

	@Test
	fun flushAndAwaitResumesOnceTrackedEventsWereDelivered() {
		umami.enqueue(UmamiFixture.load("send-event-accepted").response())
		run(umami.url("/").toString()) { tracker ->
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
