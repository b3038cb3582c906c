package io.github.umamispring.web;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Server-side pageviews in a WebFlux application on Netty.
 */
class PageviewReactiveIntegrationTests extends AbstractPageviewIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runReactive(ReactiveApplication.class, properties);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(PageController.class)
	static class ReactiveApplication {

	}

	@RestController
	static class PageController {

		@GetMapping(path = "/pricing", produces = MediaType.TEXT_HTML_VALUE)
		Mono<String> pricing(ServerWebExchange exchange) {
			exchange.getAttributes().put(UmamiPageviews.TITLE_ATTRIBUTE, "Pricing");
			return Mono.just(PageHtml.PRICING);
		}

		@PostMapping(path = "/pricing", produces = MediaType.TEXT_HTML_VALUE)
		Mono<String> subscribe() {
			return Mono.just(PageHtml.PRICING);
		}

		@GetMapping(path = "/about", produces = MediaType.TEXT_HTML_VALUE)
		Mono<String> about(ServerWebExchange exchange) {
			exchange.getAttributes().put(UmamiPageviews.TITLE_ATTRIBUTE, "About");
			return Mono.just(PageHtml.ABOUT);
		}

		@GetMapping(path = "/admin/dashboard", produces = MediaType.TEXT_HTML_VALUE)
		Mono<String> admin() {
			return Mono.just(PageHtml.ADMIN);
		}

		@GetMapping(path = "/api/prices", produces = MediaType.APPLICATION_JSON_VALUE)
		Mono<String> prices() {
			return Mono.just("{\"pro\":42}");
		}

	}

}
