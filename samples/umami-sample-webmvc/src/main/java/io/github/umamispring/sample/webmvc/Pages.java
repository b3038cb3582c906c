package io.github.umamispring.sample.webmvc;

import java.util.List;
import java.util.stream.Collectors;

import io.github.umamispring.autoconfigure.UmamiConnectionDetails;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The shop's HTML, kept inline so that the sample needs no template engine. When the
 * application sends to an Umami (a host URL is set, by {@code umami.host-url} or a
 * service connection), each page loads Umami's tracker script for the same website: the
 * browser records the pageviews, and the events the server records for the same visitor
 * land in that visitor's Umami session and visit.
 *
 * @author umami-spring-boot contributors
 */
@Component
class Pages {

	private final String trackerScript;

	Pages(ObjectProvider<UmamiConnectionDetails> connectionDetails) {
		this.trackerScript = trackerScript(connectionDetails.getIfAvailable());
	}

	private static String trackerScript(UmamiConnectionDetails connectionDetails) {
		String hostUrl = (connectionDetails != null) ? connectionDetails.getHostUrl() : null;
		String websiteId = (connectionDetails != null) ? connectionDetails.getWebsiteId() : null;
		if (hostUrl == null || websiteId == null) {
			return "";
		}
		String scriptUrl = (hostUrl.endsWith("/") ? hostUrl.substring(0, hostUrl.length() - 1) : hostUrl)
				+ "/script.js";
		return "<script defer src=\"" + HtmlUtils.htmlEscape(scriptUrl) + "\" data-website-id=\""
				+ HtmlUtils.htmlEscape(websiteId) + "\"></script>";
	}

	String home(List<Product> products) {
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

	String pricing() {
		return page("Pricing", """
				<p>free: one bag a month. pro: as many as you like.</p>
				<p><a href="/">Back to the shop</a></p>
				""");
	}

	String message(String title, String text) {
		return page(title, "<p>" + HtmlUtils.htmlEscape(text) + "</p><p><a href=\"/\">Back to the shop</a></p>");
	}

	private String page(String title, String body) {
		return """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>%s</title>%s</head>
				<body><h1>%s</h1>%s</body></html>
				""".formatted(HtmlUtils.htmlEscape(title), this.trackerScript, HtmlUtils.htmlEscape(title), body);
	}

}
