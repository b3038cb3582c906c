package io.github.umamispring.sample.webflux;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a new user first runs it: no Umami configured, so it logs each event's
 * JSON, without the visitor's IP and User-Agent, instead of sending it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SampleWebFluxDryRunTests {

	@LocalServerPort
	private int port;

	@Test
	void logsEachEventsJson(CapturedOutput output) throws Exception {
		assertThat(output).contains("Umami runs in dry-run mode because 'umami.host-url' is not set");
		new SampleHttp(this.port).postForm("/signup", "email=ada%40example.com&plan=pro&newsletter=true");
		new SampleHttp(this.port).get("/pricing");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output).contains("Umami dry run, would send {\"type\":\"event\"")
				.contains("\"url\":\"/signup\",\"name\":\"signup\",\"data\":{\"plan\":\"pro\",\"newsletter\":true}}}"
						+ " (the visitor's IP and User-Agent withheld; logged at DEBUG)")
				.contains("\"title\":\"Pricing\",\"url\":\"/pricing\""));
		// the visitor stays out of an INFO log
		assertThat(output).doesNotContain(SampleHttp.FIREFOX);
	}

	@Test
	void pagesLoadNoTrackerScriptWithoutAnUmami() throws Exception {
		String page = new SampleHttp(this.port).get("/").body();
		assertThat(page).contains("<title>Umami Coffee</title>").doesNotContain("<script");
	}

}
