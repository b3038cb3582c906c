package io.github.umamispring.sample.webflux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
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
 * The sample configured with an Umami (a loopback server standing in for it): a visitor's
 * sign-up reaches Umami as that visitor.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleWebFluxUmamiIntegrationTests {

	private static final String WEBSITE_ID = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private static final MockWebServer umami = startUmami();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void umamiProperties(DynamicPropertyRegistry registry) {
		registry.add("umami.host-url", () -> umami.url("/").toString());
		registry.add("umami.website-id", () -> WEBSITE_ID);
		registry.add("umami.pageviews.enabled", () -> "false");
	}

	@AfterAll
	static void stopUmami() {
		umami.close();
	}

	@Test
	void sendsSignupAsTheVisitor() throws Exception {
		umami.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
			.body("{\"cache\":\"a.b.c\",\"sessionId\":\"s\",\"visitId\":\"v\"}")
			.build());
		new SampleHttp(this.port).postForm("/signup", "email=ada%40example.com&plan=pro&newsletter=false");
		RecordedRequest request = umami.takeRequest(10, TimeUnit.SECONDS);
		assertThat(request).isNotNull();
		assertThat(request.getTarget()).isEqualTo("/api/send");
		assertThat(request.getHeaders().get("User-Agent")).isEqualTo(SampleHttp.FIREFOX);
		JSONAssert.assertEquals("""
				{"type":"event","payload":{"website":"%s","hostname":"localhost","language":"de-DE",
				"referrer":"https://www.example.org/blog","url":"/signup","name":"signup",
				"data":{"plan":"pro","newsletter":false},"userAgent":"%s"}}
				""".formatted(WEBSITE_ID, SampleHttp.FIREFOX), request.getBody().utf8(), JSONCompareMode.LENIENT);
		assertThat(request.getBody().utf8()).contains("\"ip\":\"127.0.0.0\"");
	}

	private static MockWebServer startUmami() {
		MockWebServer server = new MockWebServer();
		try {
			server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return server;
	}

}
