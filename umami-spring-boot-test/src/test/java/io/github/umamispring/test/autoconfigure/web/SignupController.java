package io.github.umamispring.test.autoconfigure.web;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.annotation.TrackEvent;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Controller that tracks an event, for
 * {@link AutoConfigureUmamiTrackerWebMvcIntegrationTests}.
 *
 * @author umami-spring-boot contributors
 */
@RestController
class SignupController {

	private final UmamiTracker tracker;

	SignupController(UmamiTracker tracker) {
		this.tracker = tracker;
	}

	@PostMapping("/signup")
	String signup(@RequestParam String plan) {
		this.tracker.track(UmamiEvent.event("signup").url("/signup").data("plan", plan).build());
		return "welcome";
	}

	@PostMapping("/orders")
	@TrackEvent(name = "purchase", data = "{product: #product}")
	String order(@RequestParam String product) {
		return "ordered";
	}

}
