package io.github.umamispring.sample.kotlin

import io.github.umamispring.annotation.TrackEvent
import io.github.umamispring.web.UmamiPageviews
import kotlinx.coroutines.delay
import org.springframework.http.MediaType
import org.springframework.stereotype.Controller
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.ModelAttribute
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.ResponseBody
import org.springframework.web.server.ServerWebExchange

/**
 * The shop's pages, as suspend functions. Each GET is a server-side pageview
 * (`umami.pageviews.enabled`), or a pageview of Umami's tracker script when the pages
 * load it (see [Pages]); the sign-up and the checkout are custom events recorded by
 * [TrackEvent] when the coroutine completes, as the visitor of the request.
 *
 * @author umami-spring-boot contributors
 */
@Controller
@ResponseBody
class ShopController(private val catalog: Catalog, private val pages: Pages) {

	@GetMapping("/", produces = [MediaType.TEXT_HTML_VALUE])
	suspend fun home(exchange: ServerWebExchange): String {
		exchange.attributes[UmamiPageviews.TITLE_ATTRIBUTE] = "Umami Coffee"
		return pages.home(catalog.products)
	}

	@GetMapping("/pricing", produces = [MediaType.TEXT_HTML_VALUE])
	suspend fun pricing(exchange: ServerWebExchange): String {
		exchange.attributes[UmamiPageviews.TITLE_ATTRIBUTE] = "Pricing"
		return pages.pricing()
	}

	@PostMapping("/signup", produces = [MediaType.TEXT_HTML_VALUE])
	@TrackEvent(name = "signup", data = "{plan: #form.plan, newsletter: #form.newsletter}")
	suspend fun signup(@ModelAttribute form: SignupForm): String {
		// stands in for a call to another service: the event waits for the coroutine
		delay(5)
		return pages.message("Welcome!", "You are on the ${form.plan} plan.")
	}

	@PostMapping("/checkout", produces = [MediaType.TEXT_HTML_VALUE])
	@TrackEvent(name = "purchase", data = "{product: #p0.product, quantity: #p0.quantity}",
		condition = "#p0.quantity > 0")
	suspend fun checkout(@ModelAttribute order: OrderForm): String {
		val product = catalog.find(order.product)
		return pages.message("Thank you!",
			"${order.quantity} x ${product.name} = ${product.priceOf(order.quantity)} EUR")
	}

}
