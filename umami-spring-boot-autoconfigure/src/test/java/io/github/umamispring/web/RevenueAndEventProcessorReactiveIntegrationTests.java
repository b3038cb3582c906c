package io.github.umamispring.web;

import java.math.BigDecimal;
import java.util.Map;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.annotation.TrackEvent;
import reactor.core.publisher.Mono;

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
 * Revenue, tags and event processors in a WebFlux application on Netty.
 */
class RevenueAndEventProcessorReactiveIntegrationTests extends AbstractRevenueAndEventProcessorIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runReactive(ReactiveCheckoutApplication.class, properties);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Checkout.EventProcessors.class, ReactiveCheckoutController.class })
	static class ReactiveCheckoutApplication {

	}

	/**
	 * The handlers of the servlet application, returning a {@code Mono}: a WebFlux
	 * handler that returns a plain value cannot see its request, so its events would go
	 * without the visitor.
	 */
	@RestController
	static class ReactiveCheckoutController {

		private final UmamiTracker tracker;

		ReactiveCheckoutController(UmamiTracker tracker) {
			this.tracker = tracker;
		}

		@GetMapping("/checkout/{order}")
		@TrackEvent(name = "checkout", data = "{order: #order}", tag = "#variant", revenue = "#result.total",
				currency = "#result.currency")
		Mono<Checkout.Receipt> checkout(@PathVariable String order, @RequestParam String total,
				@RequestParam String currency, @RequestParam String variant) {
			return Mono.fromSupplier(() -> new Checkout.Receipt(order, new BigDecimal(total), currency));
		}

		@GetMapping("/signup")
		@TrackEvent(name = "signup", data = "{plan: #plan}")
		Mono<String> signup(@RequestParam String plan) {
			return Mono.just("signed up for " + plan);
		}

		@GetMapping(path = "/pricing", produces = MediaType.TEXT_HTML_VALUE)
		Mono<String> pricing() {
			return Mono.just("<html><body>Pro: 42</body></html>");
		}

		@GetMapping("/identify/{user}")
		Mono<String> identify(@PathVariable String user) {
			return Mono.fromSupplier(() -> {
				this.tracker.identify(user, Map.of("plan", "pro"));
				return "identified";
			});
		}

		@GetMapping("/reports/export")
		Mono<String> export(@RequestParam String user) {
			return this.tracker.send(UmamiEvent.event("report-exported").id(user).build()).map(String::valueOf);
		}

		@GetMapping("/marker")
		@TrackEvent("marker")
		Mono<String> marker() {
			return Mono.just("marker");
		}

	}

}
