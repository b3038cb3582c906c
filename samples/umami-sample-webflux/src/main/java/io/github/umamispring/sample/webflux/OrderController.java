package io.github.umamispring.sample.webflux;

import io.github.umamispring.annotation.TrackEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's reactive JSON API: a {@code Flux} is tracked once it completes, a
 * {@code Mono} when it succeeds, with data from its value.
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
	@TrackEvent("catalog-viewed")
	Flux<Product> products() {
		return Flux.fromIterable(this.catalog.products());
	}

	@PostMapping("/orders")
	@TrackEvent(name = "purchase",
			data = "{product: #result.product, quantity: #result.quantity, total: #result.total}")
	Mono<Order> order(@RequestBody Mono<OrderForm> form) {
		return form.map((request) -> {
			Product product = this.catalog.find(request.product());
			return new Order(product.id(), request.quantity(), product.priceOf(request.quantity()));
		});
	}

}
