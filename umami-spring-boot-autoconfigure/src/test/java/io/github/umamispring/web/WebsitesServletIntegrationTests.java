package io.github.umamispring.web;

import io.github.umamispring.annotation.TrackEvent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Websites by hostname in a servlet application on Tomcat.
 */
class WebsitesServletIntegrationTests extends AbstractWebsitesIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runServlet(ServletApplication.class, properties);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(BrandController.class)
	static class ServletApplication {

	}

	@RestController
	static class BrandController {

		@GetMapping("/signup")
		@TrackEvent(name = "signup", data = "{plan: #plan}")
		String signup(@RequestParam String plan) {
			return "signed up for " + plan;
		}

		@GetMapping(path = "/welcome", produces = MediaType.TEXT_HTML_VALUE)
		String welcome() {
			return "<html><head><title>Welcome</title></head><body>Welcome</body></html>";
		}

	}

}
