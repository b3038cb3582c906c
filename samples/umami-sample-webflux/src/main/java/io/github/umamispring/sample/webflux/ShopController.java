package io.github.umamispring.sample.webflux;

import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.web.UmamiPageviews;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;

/**
 * The shop's pages. Each GET is a server-side pageview ({@code umami.pageviews.enabled}),
 * or a pageview of Umami's tracker script when the pages load it (see {@link Pages}); the
 * sign-up and the checkout are custom events recorded by {@link TrackEvent} when the
 * returned {@code Mono} succeeds.
 *
 * @author umami-spring-boot contributors
 */
@Controller
@ResponseBody
class ShopController {

	private final Catalog catalog;

	private final Pages pages;

	ShopController(Catalog catalog, Pages pages) {
		this.catalog = catalog;
		this.pages = pages;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	Mono<String> home(ServerWebExchange exchange) {
		exchange.getAttributes().put(UmamiPageviews.TITLE_ATTRIBUTE, "Umami Coffee");
		return Mono.fromSupplier(() -> this.pages.home(this.catalog.products()));
	}

	@GetMapping(path = "/pricing", produces = MediaType.TEXT_HTML_VALUE)
	Mono<String> pricing(ServerWebExchange exchange) {
		exchange.getAttributes().put(UmamiPageviews.TITLE_ATTRIBUTE, "Pricing");
		return Mono.just(this.pages.pricing());
	}

	@PostMapping(path = "/signup", produces = MediaType.TEXT_HTML_VALUE)
	@TrackEvent(name = "signup", data = "{plan: #form.plan, newsletter: #form.newsletter}")
	Mono<String> signup(@ModelAttribute SignupForm form) {
		return Mono.just(this.pages.message("Welcome!", "You are on the " + form.plan() + " plan."));
	}

	@PostMapping(path = "/checkout", produces = MediaType.TEXT_HTML_VALUE)
	@TrackEvent(name = "purchase", data = "{product: #p0.product, quantity: #p0.quantity}",
			condition = "#p0.quantity > 0")
	Mono<String> checkout(@ModelAttribute OrderForm order) {
		return Mono.fromSupplier(() -> {
			Product product = this.catalog.find(order.product());
			return this.pages.message("Thank you!",
					order.quantity() + " x " + product.name() + " = " + product.priceOf(order.quantity()) + " EUR");
		});
	}

}
