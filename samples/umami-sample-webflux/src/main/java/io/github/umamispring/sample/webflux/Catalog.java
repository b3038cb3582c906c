package io.github.umamispring.sample.webflux;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * What the shop sells.
 *
 * @author umami-spring-boot contributors
 */
@Component
class Catalog {

	private final List<Product> products = List.of(
			new Product("espresso", "Espresso beans, 1 kg", new BigDecimal("24.90")),
			new Product("filter", "Filter roast, 1 kg", new BigDecimal("21.50")),
			new Product("grinder", "Hand grinder", new BigDecimal("89.00")));

	List<Product> products() {
		return this.products;
	}

	Product find(String id) {
		return this.products.stream()
			.filter((product) -> product.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No product '" + id + "'"));
	}

}
