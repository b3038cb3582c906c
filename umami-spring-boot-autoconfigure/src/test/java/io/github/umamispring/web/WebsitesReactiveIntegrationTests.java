package io.github.umamispring.web;

import io.github.umamispring.annotation.TrackEvent;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Websites by hostname in a WebFlux application on Netty.
 */
class WebsitesReactiveIntegrationTests extends AbstractWebsitesIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runReactive(ReactiveApplication.class, properties);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(BrandController.class)
	static class ReactiveApplication {

	}

	@RestController
	static class BrandController {

		@GetMapping("/signup")
		@TrackEvent(name = "signup", data = "{plan: #plan}")
		Mono<String> signup(@RequestParam String plan) {
			return Mono.just("signed up for " + plan);
		}

		@GetMapping(path = "/welcome", produces = MediaType.TEXT_HTML_VALUE)
		Mono<String> welcome() {
			return Mono.just("<html><head><title>Welcome</title></head><body>Welcome</body></html>");
		}

	}

}
