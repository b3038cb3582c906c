package io.github.umamispring.web;

import java.io.IOException;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet filter that records a server-side pageview for each successful {@code GET}
 * request answered with HTML (see {@link UmamiPageviews}), once the response is complete.
 * The visitor, distinct id included, is captured on the thread that handles the request,
 * also for a request processed asynchronously.
 *
 * @author umami-spring-boot contributors
 */
public class UmamiPageviewFilter extends OncePerRequestFilter implements Ordered {

	/**
	 * Order of the filter: after Spring Security's filter chain, so that the principal is
	 * known.
	 */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	private static final Log logger = LogFactory.getLog(UmamiPageviewFilter.class);

	private final UmamiTracker tracker;

	private final ServletUmamiVisitorCapture visitorCapture;

	private final UmamiPageviews pageviews;

	public UmamiPageviewFilter(UmamiTracker tracker, ServletUmamiVisitorCapture visitorCapture,
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
		return ORDER;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !this.pageviews.isCandidate(request.getMethod(), path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
			throws ServletException, IOException {
		filterChain.doFilter(request, response);
		if (request.isAsyncStarted()) {
			// capture on the request's thread: the principal (Spring Security's) may be
			// bound to it and gone when the response completes on another thread
			CapturedVisitor visitor = capture(request);
			if (visitor != null) {
				request.getAsyncContext().addListener(new PageviewAsyncListener(visitor, request, response));
			}
		}
		else if (this.pageviews.isPage(response.getStatus(), response.getContentType())) {
			CapturedVisitor visitor = capture(request);
			if (visitor != null) {
				recordPageview(visitor, request);
			}
		}
	}

	private @Nullable CapturedVisitor capture(HttpServletRequest request) {
		try {
			return this.visitorCapture.capture(request);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not capture the visitor of an Umami pageview", ex);
			return null;
		}
	}

	private void recordPageview(CapturedVisitor visitor, HttpServletRequest request) {
		try {
			UmamiEvent pageview = UmamiPageviews.pageview(visitor,
					request.getAttribute(UmamiPageviews.TITLE_ATTRIBUTE));
			if (pageview != null) {
				this.tracker.track(pageview);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not record an Umami pageview", ex);
		}
	}

	private final class PageviewAsyncListener implements AsyncListener {

		private final CapturedVisitor visitor;

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		private PageviewAsyncListener(CapturedVisitor visitor, HttpServletRequest request,
				HttpServletResponse response) {
			this.visitor = visitor;
			this.request = request;
			this.response = response;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			try {
				if (UmamiPageviewFilter.this.pageviews.isPage(this.response.getStatus(),
						this.response.getContentType())) {
					recordPageview(this.visitor, this.request);
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not record an Umami pageview", ex);
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

}
