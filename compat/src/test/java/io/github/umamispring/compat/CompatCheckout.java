package io.github.umamispring.compat;

import java.math.BigDecimal;

import io.github.umamispring.UmamiEventProcessor;
import io.github.umamispring.annotation.TrackEvent;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a user of this Boot line adds to an application to record revenue and process its
 * events: a {@code @TrackEvent} method with revenue, currency and tag, and
 * {@link UmamiEventProcessor} beans, in {@code @Order}, that add the environment and the
 * release to every event and drop test orders. Added to the servlet and the reactive
 * application with {@code spring.main.sources}, so their own tests see none of it.
 *
 * @author umami-spring-boot contributors
 */
@Configuration(proxyBeanMethods = false)
@Import(CompatCheckout.CheckoutController.class)
public class CompatCheckout {

	// declared before the processor it follows: @Order decides, not the declaration
	@Bean
	@Order(20)
	UmamiEventProcessor addRelease() {
		return (event) -> event.toBuilder().data("release", "1.4.2-" + event.getData().get("environment")).build();
	}

	@Bean
	@Order(10)
	UmamiEventProcessor addEnvironment() {
		return (event) -> event.toBuilder().data("environment", "compat").build();
	}

	@Bean
	@Order(0)
	UmamiEventProcessor dropTestOrders() {
		return (event) -> String.valueOf(event.getData().get("order")).startsWith("test-") ? null : event;
	}

	@RestController
	static class CheckoutController {

		@GetMapping("/checkout/{order}")
		@TrackEvent(name = "checkout", data = "{order: #order}", tag = "#variant", revenue = "#result.total",
				currency = "#result.currency")
		Mono<Receipt> checkout(@PathVariable String order, @RequestParam String total, @RequestParam String currency,
				@RequestParam String variant) {
			return Mono.just(new Receipt(order, new BigDecimal(total), currency));
		}

	}

	/**
	 * What a checkout returns.
	 *
	 * @param order the order id
	 * @param total the amount paid
	 * @param currency the currency paid in
	 */
	record Receipt(String order, BigDecimal total, String currency) {

	}

}
