package io.github.umamispring.web;

import java.math.BigDecimal;
import java.util.Map;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.annotation.TrackEvent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Revenue, tags and event processors in a servlet application on Tomcat.
 */
class RevenueAndEventProcessorServletIntegrationTests extends AbstractRevenueAndEventProcessorIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runServlet(ServletCheckoutApplication.class, properties);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Checkout.EventProcessors.class, ServletCheckoutController.class })
	static class ServletCheckoutApplication {

	}

	@RestController
	static class ServletCheckoutController {

		private final UmamiTracker tracker;

		ServletCheckoutController(UmamiTracker tracker) {
			this.tracker = tracker;
		}

		@GetMapping("/checkout/{order}")
		@TrackEvent(name = "checkout", data = "{order: #order}", tag = "#variant", revenue = "#result.total",
				currency = "#result.currency")
		Checkout.Receipt checkout(@PathVariable String order, @RequestParam String total, @RequestParam String currency,
				@RequestParam String variant) {
			return new Checkout.Receipt(order, new BigDecimal(total), currency);
		}

		@GetMapping("/signup")
		@TrackEvent(name = "signup", data = "{plan: #plan}")
		String signup(@RequestParam String plan) {
			return "signed up for " + plan;
		}

		@GetMapping(path = "/pricing", produces = MediaType.TEXT_HTML_VALUE)
		String pricing() {
			return "<html><body>Pro: 42</body></html>";
		}

		@GetMapping("/identify/{user}")
		String identify(@PathVariable String user) {
			this.tracker.identify(user, Map.of("plan", "pro"));
			return "identified";
		}

		@GetMapping("/reports/export")
		String export(@RequestParam String user) {
			return String.valueOf(this.tracker.send(UmamiEvent.event("report-exported").id(user).build()).block());
		}

		@GetMapping("/marker")
		@TrackEvent("marker")
		String marker() {
			return "marker";
		}

	}

}
