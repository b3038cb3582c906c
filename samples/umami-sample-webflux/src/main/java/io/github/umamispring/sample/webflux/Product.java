package io.github.umamispring.sample.webflux;

import java.math.BigDecimal;

/**
 * A product of the shop.
 *
 * @param id the product id
 * @param name the product name
 * @param price the price in euros
 * @author umami-spring-boot contributors
 */
record Product(String id, String name, BigDecimal price) {

	BigDecimal priceOf(int quantity) {
		return this.price.multiply(BigDecimal.valueOf(quantity));
	}

}
