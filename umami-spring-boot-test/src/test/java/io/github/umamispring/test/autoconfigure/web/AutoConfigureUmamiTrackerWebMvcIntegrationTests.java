package io.github.umamispring.test.autoconfigure.web;

import io.github.umamispring.test.RecordingUmamiTracker;
import io.github.umamispring.test.autoconfigure.AutoConfigureUmamiTracker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static io.github.umamispring.test.UmamiAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@link AutoConfigureUmamiTracker} in a {@code @WebMvcTest} slice,
 * which on its own has no Umami tracker for the controller.
 *
 * @author umami-spring-boot contributors
 */
@WebMvcTest(SignupController.class)
@AutoConfigureUmamiTracker
class AutoConfigureUmamiTrackerWebMvcIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private RecordingUmamiTracker tracker;

	@Test
	void controllerInSliceTracksWithRecordingTracker() {
		assertThat(this.mvc.post().uri("/signup").param("plan", "pro")).hasStatusOk().bodyText().isEqualTo("welcome");
		assertThat(this.tracker).hasTracked("signup").withUrl("/signup").withData("plan", "pro").times(1);
	}

	@Test
	void trackEventMethodInSliceTracksWithRecordingTracker() {
		assertThat(
				this.mvc.post().uri("/orders").param("product", "espresso").header("User-Agent", "Mozilla/5.0 (X11)"))
			.hasStatusOk()
			.bodyText()
			.isEqualTo("ordered");
		assertThat(this.tracker).hasTracked("purchase")
			.withUrl("/orders")
			.withUserAgent("Mozilla/5.0 (X11)")
			.withData("product", "espresso")
			.times(1);
	}

}
