package io.github.umamispring.sample.webmvc;

import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.web.UmamiPageviews;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The shop's pages. Each GET is a server-side pageview ({@code umami.pageviews.enabled}),
 * or a pageview of Umami's tracker script when the pages load it (see {@link Pages}); the
 * sign-up and the checkout are custom events recorded by {@link TrackEvent} once they
 * succeed.
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
	String home(HttpServletRequest request) {
		request.setAttribute(UmamiPageviews.TITLE_ATTRIBUTE, "Umami Coffee");
		return this.pages.home(this.catalog.products());
	}

	@GetMapping(path = "/pricing", produces = MediaType.TEXT_HTML_VALUE)
	String pricing(HttpServletRequest request) {
		request.setAttribute(UmamiPageviews.TITLE_ATTRIBUTE, "Pricing");
		return this.pages.pricing();
	}

	@PostMapping(path = "/signup", produces = MediaType.TEXT_HTML_VALUE)
	@TrackEvent(name = "signup", data = "{plan: #form.plan, newsletter: #form.newsletter}")
	String signup(SignupForm form) {
		return this.pages.message("Welcome!", "You are on the " + form.plan() + " plan.");
	}

	@PostMapping(path = "/checkout", produces = MediaType.TEXT_HTML_VALUE)
	@TrackEvent(name = "purchase", data = "{product: #p0.product, quantity: #p0.quantity}",
			condition = "#p0.quantity > 0")
	String checkout(OrderForm order) {
		Product product = this.catalog.find(order.product());
		return this.pages.message("Thank you!",
				order.quantity() + " x " + product.name() + " = " + product.priceOf(order.quantity()) + " EUR");
	}

}
