package io.github.umamispring.sample.kotlin

import org.springframework.web.util.HtmlUtils.htmlEscape

/**
 * The shop's HTML, kept inline so that the sample needs no template engine.
 *
 * @author umami-spring-boot contributors
 */
object Pages {

	fun home(products: List<Product>): String {
		val options = products.joinToString("") {
			"""<option value="${it.id}">${htmlEscape(it.name)} (${it.price} EUR)</option>"""
		}
		return page("Umami Coffee", """
			<p>Freshly roasted, tracked without cookies. <a href="/pricing">Pricing</a></p>
			<h2>Sign up</h2>
			<form method="post" action="/signup">
			  <input name="email" type="email" placeholder="you@example.com" required>
			  <select name="plan"><option>free</option><option>pro</option></select>
			  <label><input name="newsletter" type="checkbox" value="true"> Newsletter</label>
			  <button>Sign up</button>
			</form>
			<h2>Order</h2>
			<form method="post" action="/checkout">
			  <select name="product">$options</select>
			  <input name="quantity" type="number" value="1" min="0">
			  <button>Buy</button>
			</form>
			""".trimIndent())
	}

	fun pricing(): String = page("Pricing", """
		<p>free: one bag a month. pro: as many as you like.</p>
		<p><a href="/">Back to the shop</a></p>
		""".trimIndent())

	fun message(title: String, text: String): String =
		page(title, """<p>${htmlEscape(text)}</p><p><a href="/">Back to the shop</a></p>""")

	private fun page(title: String, body: String): String = """
		<!DOCTYPE html>
		<html lang="en"><head><meta charset="utf-8"><title>${htmlEscape(title)}</title></head>
		<body><h1>${htmlEscape(title)}</h1>$body</body></html>
		""".trimIndent()

}
