package io.github.umamispring.sample.kotlin

import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.ExtendWith
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment
import org.springframework.boot.test.system.CapturedOutput
import org.springframework.boot.test.system.OutputCaptureExtension
import org.springframework.boot.test.web.server.LocalServerPort
import java.time.Duration
import java.util.concurrent.locks.LockSupport

/**
 * The sample as a new user first runs it: no Umami configured, so it logs each event's
 * JSON instead of sending it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension::class)
class SampleKotlinDryRunTests(@param:LocalServerPort private val port: Int) {

	@Test
	fun logsEachEventsJson(output: CapturedOutput) {
		assertThat(output).contains("Umami runs in dry-run mode because 'umami.host-url' is not set")
		SampleHttp(port).postForm("/signup", "email=ada%40example.com&plan=pro&newsletter=true")
		SampleHttp(port).get("/pricing")
		awaitOutput(output,
			"Umami dry run, would send {\"type\":\"event\"",
			"\"url\":\"/signup\",\"name\":\"signup\",\"data\":{\"plan\":\"pro\",\"newsletter\":true}}}" +
				" (the visitor's IP and User-Agent withheld; logged at DEBUG)",
			"\"title\":\"Pricing\",\"url\":\"/pricing\"")
	}

	@Test
	fun pagesLoadNoTrackerScriptWithoutAnUmami() {
		val page = SampleHttp(port).get("/").body()
		assertThat(page).contains("<title>Umami Coffee</title>").doesNotContain("<script")
	}

	private fun awaitOutput(output: CapturedOutput, vararg expected: String) {
		val deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos()
		while (!expected.all { output.out.contains(it) } && System.nanoTime() < deadline) {
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos())
		}
		assertThat(output.out).contains(*expected)
	}

}
