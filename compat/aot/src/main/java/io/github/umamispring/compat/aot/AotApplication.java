package io.github.umamispring.compat.aot;

import io.github.umamispring.annotation.TrackEvent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application processed ahead of time by the build.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootApplication
public class AotApplication {

	public static void main(String[] args) {
		SpringApplication.run(AotApplication.class, args);
	}

	@RestController
	static class SignupController {

		@GetMapping("/signup")
		@TrackEvent(name = "signup", data = "{plan: #plan, method: #root.method.name}")
		String signup(@RequestParam String plan) {
			return "signed up for " + plan;
		}

	}

}
