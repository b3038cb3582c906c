package io.github.umamispring.compat.servlet;

import io.github.umamispring.annotation.TrackEvent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application as a user of this Boot line writes it.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootApplication
public class CompatServletApplication {

	@RestController
	public static class SignupController {

		@GetMapping("/signup")
		@TrackEvent(name = "signup", data = "{plan: #plan, stack: 'servlet'}")
		public String signup(@RequestParam String plan) {
			return "signed up for " + plan;
		}

	}

}
