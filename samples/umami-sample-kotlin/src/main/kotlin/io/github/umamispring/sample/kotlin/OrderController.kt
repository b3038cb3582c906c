package io.github.umamispring.sample.kotlin

import io.github.umamispring.annotation.TrackEvent
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.asFlow
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RequestBody
import org.springframework.web.bind.annotation.RequestMapping
import org.springframework.web.bind.annotation.RestController

/**
 * The shop's JSON API: a `Flow` is tracked once it completes, a suspend function when it
 * returns, with data from its result.
 *
 * @author umami-spring-boot contributors
 */
@RestController
@RequestMapping("/api")
class OrderController(private val catalog: Catalog) {

	@GetMapping("/products")
	@TrackEvent("catalog-viewed")
	fun products(): Flow<Product> = catalog.products.asFlow()

	@PostMapping("/orders")
	@TrackEvent(name = "purchase", data = "{product: #result.product, quantity: #result.quantity, total: #result.total}")
	suspend fun order(@RequestBody form: OrderForm): Order {
		val product = catalog.find(form.product)
		return Order(product.id, form.quantity, product.priceOf(form.quantity))
	}

}
