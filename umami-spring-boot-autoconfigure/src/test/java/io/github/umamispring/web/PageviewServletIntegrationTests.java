package io.github.umamispring.web;

import java.net.http.HttpResponse;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side pageviews in a servlet application on Tomcat.
 */
class PageviewServletIntegrationTests extends AbstractPageviewIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(ServletApplication.class).web(WebApplicationType.SERVLET)
			.properties(properties)
			.run();
	}

	@Test
	void recordsPageviewOfAsyncRequestWhenItCompletes() throws Exception {
		startBehindProxy();
		HttpResponse<String> response = get("/async/pricing", VISITOR_IP, "Accept", "text/html");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(PageHtml.PRICING);
		assertPayload(takeEvent(), visitorPayload("/async/pricing", VISITOR_IP, "\"title\":\"Async pricing\""));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(PageController.class)
	static class ServletApplication {

	}

	@RestController
	static class PageController {

		@GetMapping(path = "/pricing", produces = MediaType.TEXT_HTML_VALUE)
		String pricing(HttpServletRequest request) {
			request.setAttribute(UmamiPageviews.TITLE_ATTRIBUTE, "Pricing");
			return PageHtml.PRICING;
		}

		@PostMapping(path = "/pricing", produces = MediaType.TEXT_HTML_VALUE)
		String subscribe() {
			return PageHtml.PRICING;
		}

		@GetMapping(path = "/about", produces = MediaType.TEXT_HTML_VALUE)
		String about(HttpServletRequest request) {
			request.setAttribute(UmamiPageviews.TITLE_ATTRIBUTE, "About");
			return PageHtml.ABOUT;
		}

		@GetMapping(path = "/async/pricing", produces = MediaType.TEXT_HTML_VALUE)
		Mono<String> asyncPricing(HttpServletRequest request) {
			request.setAttribute(UmamiPageviews.TITLE_ATTRIBUTE, "Async pricing");
			return Mono.just(PageHtml.PRICING).publishOn(Schedulers.parallel());
		}

		@GetMapping(path = "/admin/dashboard", produces = MediaType.TEXT_HTML_VALUE)
		String admin() {
			return PageHtml.ADMIN;
		}

		@GetMapping(path = "/api/prices", produces = MediaType.APPLICATION_JSON_VALUE)
		String prices() {
			return "{\"pro\":42}";
		}

	}

}
