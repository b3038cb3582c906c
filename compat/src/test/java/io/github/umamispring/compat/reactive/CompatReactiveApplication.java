package io.github.umamispring.compat.reactive;

import io.github.umamispring.annotation.TrackEvent;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux application as a user of this Boot line writes it.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootApplication
public class CompatReactiveApplication {

	@RestController
	static class SignupController {

		@GetMapping("/signup")
		@TrackEvent(name = "signup", data = "{plan: #plan, stack: 'reactive'}")
		Mono<String> signup(@RequestParam String plan) {
			return Mono.just("signed up for " + plan);
		}

	}

}
