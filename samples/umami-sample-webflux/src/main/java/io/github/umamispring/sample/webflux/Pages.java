package io.github.umamispring.sample.webflux;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.web.util.HtmlUtils;

/**
 * The shop's HTML, kept inline so that the sample needs no template engine.
 *
 * @author umami-spring-boot contributors
 */
final class Pages {

	private Pages() {
	}

	static String home(List<Product> products) {
		String options = products.stream()
			.map((product) -> "<option value=\"" + product.id() + "\">" + HtmlUtils.htmlEscape(product.name()) + " ("
					+ product.price() + " EUR)</option>")
			.collect(Collectors.joining());
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
				  <select name="product">%s</select>
				  <input name="quantity" type="number" value="1" min="0">
				  <button>Buy</button>
				</form>
				""".formatted(options));
	}

	static String pricing() {
		return page("Pricing", """
				<p>free: one bag a month. pro: as many as you like.</p>
				<p><a href="/">Back to the shop</a></p>
				""");
	}

	static String message(String title, String text) {
		return page(title, "<p>" + HtmlUtils.htmlEscape(text) + "</p><p><a href=\"/\">Back to the shop</a></p>");
	}

	private static String page(String title, String body) {
		return """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
				<body><h1>%s</h1>%s</body></html>
				""".formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title), body);
	}

}
