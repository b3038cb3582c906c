package io.github.umamispring.sample.webmvc;

import io.github.umamispring.annotation.TrackEvent;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The shop's JSON API: a purchase is tracked with data taken from the method's result.
 *
 * @author umami-spring-boot contributors
 */
@RestController
@RequestMapping("/api")
class OrderController {

	private final Catalog catalog;

	OrderController(Catalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/products")
	List<Product> products() {
		return this.catalog.products();
	}

	@PostMapping("/orders")
	@TrackEvent(name = "purchase",
			data = "{product: #result.product, quantity: #result.quantity, total: #result.total}")
	Order order(@RequestBody OrderForm form) {
		Product product = this.catalog.find(form.product());
		return new Order(product.id(), form.quantity(), product.priceOf(form.quantity()));
	}

}
