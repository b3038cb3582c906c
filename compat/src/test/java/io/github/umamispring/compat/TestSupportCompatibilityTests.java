package io.github.umamispring.compat;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.compat.servlet.CompatServletApplication;
import io.github.umamispring.test.RecordingUmamiTracker;
import io.github.umamispring.test.autoconfigure.AutoConfigureUmamiTracker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static io.github.umamispring.test.UmamiAssertions.assertThat;

/**
 * The test module's slice on the Boot line this module builds against: the recording
 * tracker replaces the real one and {@code @TrackEvent} records into it.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootTest(classes = CompatServletApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@AutoConfigureUmamiTracker
class TestSupportCompatibilityTests {

	@Autowired
	private RecordingUmamiTracker tracker;

	@Autowired
	private CompatServletApplication.SignupController controller;

	@Test
	void recordsTrackEventInTheRecordingTracker() {
		this.controller.signup("team");
		assertThat(this.tracker).hasTracked("signup").withData("plan", "team");
		org.assertj.core.api.Assertions.assertThat(this.tracker.getEvents())
			.extracting(UmamiEvent::getKind)
			.containsExactly(UmamiEvent.Kind.EVENT);
	}

}
