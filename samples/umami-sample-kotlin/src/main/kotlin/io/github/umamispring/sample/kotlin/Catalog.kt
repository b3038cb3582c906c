package io.github.umamispring.sample.kotlin

import java.math.BigDecimal
import org.springframework.stereotype.Component

/**
 * What the shop sells.
 *
 * @author umami-spring-boot contributors
 */
@Component
class Catalog {

	val products = listOf(
		Product("espresso", "Espresso beans, 1 kg", BigDecimal("24.90")),
		Product("filter", "Filter roast, 1 kg", BigDecimal("21.50")),
		Product("grinder", "Hand grinder", BigDecimal("89.00")),
	)

	fun find(id: String): Product =
		products.firstOrNull { it.id == id } ?: throw IllegalArgumentException("No product '$id'")

}

/**
 * A product of the shop, priced in euros.
 */
data class Product(val id: String, val name: String, val price: BigDecimal) {

	fun priceOf(quantity: Int): BigDecimal = price.multiply(BigDecimal.valueOf(quantity.toLong()))

}

/**
 * What a visitor orders.
 */
data class OrderForm(val product: String, val quantity: Int)

/**
 * A placed order, with its total in euros.
 */
data class Order(val product: String, val quantity: Int, val total: BigDecimal)

/**
 * A visitor signing up: the email address is never tracked.
 */
data class SignupForm(val email: String, val plan: String, val newsletter: Boolean = false)
