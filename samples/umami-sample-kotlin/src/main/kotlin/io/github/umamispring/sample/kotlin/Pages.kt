package io.github.umamispring.sample.kotlin

import io.github.umamispring.autoconfigure.UmamiConnectionDetails
import org.springframework.beans.factory.ObjectProvider
import org.springframework.stereotype.Component
import org.springframework.web.util.HtmlUtils.htmlEscape

/**
 * The shop's HTML, kept inline so that the sample needs no template engine. When the
 * application sends to an Umami (a host URL is set, by `umami.host-url` or a service
 * connection), each page loads Umami's tracker script for the same website: the browser
 * records the pageviews, and the events the server records for the same visitor land in
 * that visitor's Umami session and visit.
 *
 * @author umami-spring-boot contributors
 */
@Component
class Pages(connectionDetails: ObjectProvider<UmamiConnectionDetails>) {

	private val trackerScript: String = trackerScript(connectionDetails.ifAvailable)

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
		<html lang="en"><head><meta charset="utf-8"><title>${htmlEscape(title)}</title>$trackerScript</head>
		<body><h1>${htmlEscape(title)}</h1>$body</body></html>
		""".trimIndent()

	private fun trackerScript(connectionDetails: UmamiConnectionDetails?): String {
		val hostUrl = connectionDetails?.hostUrl ?: return ""
		val websiteId = connectionDetails.websiteId ?: return ""
		val scriptUrl = hostUrl.removeSuffix("/") + "/script.js"
		return """<script defer src="${htmlEscape(scriptUrl)}" data-website-id="${htmlEscape(websiteId)}"></script>"""
	}

}
