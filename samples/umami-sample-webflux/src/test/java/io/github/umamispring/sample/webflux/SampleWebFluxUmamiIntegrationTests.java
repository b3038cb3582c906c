package io.github.umamispring.sample.webflux;

import java.time.Duration;

import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample configured with an Umami ({@link MockUmamiServer}, a loopback Umami 3.1.0
 * from the test module): a visitor's sign-up reaches Umami as that visitor.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleWebFluxUmamiIntegrationTests {

	private static final MockUmamiServer umami = MockUmamiServer.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void umamiProperties(DynamicPropertyRegistry registry) {
		registry.add("umami.host-url", umami::getHostUrl);
		registry.add("umami.website-id", umami::getWebsiteId);
		registry.add("umami.pageviews.enabled", () -> "false");
	}

	@AfterAll
	static void stopUmami() {
		umami.close();
	}

	@Test
	void pagesLoadUmamisTrackerScriptForTheWebsite() throws Exception {
		String script = "<script defer src=\"%s/script.js\" data-website-id=\"%s\"></script>"
			.formatted(umami.getHostUrl(), umami.getWebsiteId());
		assertThat(new SampleHttp(this.port).get("/").body()).contains("<head>").contains(script + "</head>");
		assertThat(new SampleHttp(this.port).get("/pricing").body()).contains(script);
	}

	@Test
	void sendsSignupAsTheVisitor() throws Exception {
		new SampleHttp(this.port).postForm("/signup", "email=ada%40example.com&plan=pro&newsletter=false");
		ReceivedEvent signup = umami.awaitEvents(1, Duration.ofSeconds(10)).get(0);
		assertThat(signup.request().path()).isEqualTo("/api/send");
		assertThat(signup.request().header("User-Agent")).isEqualTo(SampleHttp.FIREFOX);
		JSONAssert.assertEquals("""
				{"type":"event","payload":{"website":"%s","hostname":"localhost","language":"de-DE",
				"referrer":"https://www.example.org/blog","url":"/signup","name":"signup",
				"data":{"plan":"pro","newsletter":false},"ip":"127.0.0.0","userAgent":"%s"}}
				""".formatted(umami.getWebsiteId(), SampleHttp.FIREFOX), signup.json(), JSONCompareMode.LENIENT);
	}

}
