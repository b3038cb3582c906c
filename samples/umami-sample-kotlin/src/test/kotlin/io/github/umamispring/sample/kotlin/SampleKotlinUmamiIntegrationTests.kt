package io.github.umamispring.sample.kotlin

import mockwebserver3.MockResponse
import mockwebserver3.MockWebServer
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Test
import org.skyscreamer.jsonassert.JSONAssert
import org.skyscreamer.jsonassert.JSONCompareMode
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment
import org.springframework.boot.test.web.server.LocalServerPort
import org.springframework.test.context.DynamicPropertyRegistry
import org.springframework.test.context.DynamicPropertySource
import java.util.concurrent.TimeUnit

/**
 * The sample configured with an Umami (a loopback server standing in for it): a visitor's
 * sign-up, a suspend function, reaches Umami as that visitor.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleKotlinUmamiIntegrationTests(@param:LocalServerPort private val port: Int) {

	@Test
	fun sendsSignupAsTheVisitor() {
		umami.enqueue(MockResponse.Builder().addHeader("Content-Type", "application/json")
			.body("""{"cache":"a.b.c","sessionId":"s","visitId":"v"}""")
			.build())
		SampleHttp(port).postForm("/signup", "email=ada%40example.com&plan=pro&newsletter=false")
		val request = umami.takeRequest(10, TimeUnit.SECONDS)
		assertThat(request).isNotNull()
		assertThat(request!!.target).isEqualTo("/api/send")
		assertThat(request.headers["User-Agent"]).isEqualTo(SampleHttp.FIREFOX)
		JSONAssert.assertEquals("""
			{"type":"event","payload":{"website":"$WEBSITE_ID","hostname":"localhost","language":"de-DE",
			"referrer":"https://www.example.org/blog","url":"/signup","name":"signup",
			"data":{"plan":"pro","newsletter":false},"ip":"127.0.0.0","userAgent":"${SampleHttp.FIREFOX}"}}
			""", request.body!!.utf8(), JSONCompareMode.STRICT)
	}

	companion object {

		private const val WEBSITE_ID = "51499dbe-116f-42b4-9a2e-dfcfc230677f"

		private val umami = MockWebServer().apply { start() }

		@JvmStatic
		@DynamicPropertySource
		fun umamiProperties(registry: DynamicPropertyRegistry) {
			registry.add("umami.host-url") { umami.url("/").toString() }
			registry.add("umami.website-id") { WEBSITE_ID }
			registry.add("umami.pageviews.enabled") { "false" }
		}

		@JvmStatic
		@AfterAll
		fun stopUmami() {
			umami.close()
		}

	}

}
