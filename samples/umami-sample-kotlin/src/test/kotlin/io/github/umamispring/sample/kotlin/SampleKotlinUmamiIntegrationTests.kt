package io.github.umamispring.sample.kotlin

import io.github.umamispring.test.server.MockUmamiServer
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
import java.time.Duration

/**
 * The sample configured with an Umami ([MockUmamiServer], a loopback Umami 3.1.0 from the
 * test module): a visitor's sign-up, a suspend function, reaches Umami as that visitor,
 * and the pages load Umami's tracker script.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleKotlinUmamiIntegrationTests(@param:LocalServerPort private val port: Int) {

	@Test
	fun pagesLoadUmamisTrackerScriptForTheWebsite() {
		val script = "<script defer src=\"${umami.hostUrl}/script.js\" data-website-id=\"${umami.websiteId}\"></script>"
		assertThat(SampleHttp(port).get("/").body()).contains("<head>").contains("$script</head>")
		assertThat(SampleHttp(port).get("/pricing").body()).contains(script)
	}

	@Test
	fun sendsSignupAsTheVisitor() {
		SampleHttp(port).postForm("/signup", "email=ada%40example.com&plan=pro&newsletter=false")
		val signup = umami.awaitEvents(1, Duration.ofSeconds(10))[0]
		assertThat(signup.request().path()).isEqualTo("/api/send")
		assertThat(signup.request().header("User-Agent")).isEqualTo(SampleHttp.FIREFOX)
		JSONAssert.assertEquals("""
			{"type":"event","payload":{"website":"${umami.websiteId}","hostname":"localhost","language":"de-DE",
			"referrer":"https://www.example.org/blog","url":"/signup","name":"signup",
			"data":{"plan":"pro","newsletter":false},"ip":"127.0.0.0","userAgent":"${SampleHttp.FIREFOX}"}}
			""", signup.json(), JSONCompareMode.STRICT)
	}

	companion object {

		private val umami = MockUmamiServer.start()

		@JvmStatic
		@DynamicPropertySource
		fun umamiProperties(registry: DynamicPropertyRegistry) {
			registry.add("umami.host-url") { umami.hostUrl }
			registry.add("umami.website-id") { umami.websiteId }
			registry.add("umami.pageviews.enabled") { "false" }
		}

		@JvmStatic
		@AfterAll
		fun stopUmami() {
			umami.close()
		}

	}

}
