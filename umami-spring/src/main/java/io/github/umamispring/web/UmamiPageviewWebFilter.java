package io.github.umamispring.web;

import io.github.umamispring.UmamiTracker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * {@link WebFilter} that records a server-side pageview for each successful {@code GET}
 * request answered with HTML (see {@link UmamiPageviews}), once the response is written.
 *
 * @author umami-spring-boot contributors
 */
public class UmamiPageviewWebFilter implements WebFilter, Ordered {

	private static final Log logger = LogFactory.getLog(UmamiPageviewWebFilter.class);

	private final UmamiTracker tracker;

	private final WebFluxUmamiVisitorCapture visitorCapture;

	private final UmamiPageviews pageviews;

	public UmamiPageviewWebFilter(UmamiTracker tracker, WebFluxUmamiVisitorCapture visitorCapture,
			UmamiPageviews pageviews) {
		Assert.notNull(tracker, "'tracker' must not be null");
		Assert.notNull(visitorCapture, "'visitorCapture' must not be null");
		Assert.notNull(pageviews, "'pageviews' must not be null");
		this.tracker = tracker;
		this.visitorCapture = visitorCapture;
		this.pageviews = pageviews;
	}

	@Override
	public int getOrder() {
		return UmamiPageviewFilter.ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (!this.pageviews.isCandidate(exchange.getRequest().getMethod().name(), path)) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange).doOnSuccess((done) -> recordPageview(exchange));
	}

	private void recordPageview(ServerWebExchange exchange) {
		try {
			ServerHttpResponse response = exchange.getResponse();
			HttpStatusCode status = response.getStatusCode();
			MediaType contentType = response.getHeaders().getContentType();
			if (!this.pageviews.isPage((status != null) ? status.value() : 200,
					(contentType != null) ? contentType.toString() : null)) {
				return;
			}
			Object title = exchange.getAttribute(UmamiPageviews.TITLE_ATTRIBUTE);
			this.visitorCapture.capture(exchange)
				.mapNotNull((visitor) -> UmamiPageviews.pageview(visitor, title))
				.subscribe(this.tracker::track, (ex) -> logger.debug("Could not record an Umami pageview", ex));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not record an Umami pageview", ex);
		}
	}

}
