package io.github.umamispring.web;

import java.security.Principal;

import io.github.umamispring.web.UmamiPrivacyPolicy.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@link UmamiVisitorCapture} for servlet applications: reads the request bound to the
 * calling thread by Spring MVC. The client address is
 * {@link HttpServletRequest#getRemoteAddr()}, which reflects {@code X-Forwarded-For} only
 * when forwarded headers are handled ({@code server.forward-headers-strategy}).
 *
 * @author umami-spring-boot contributors
 */
public class ServletUmamiVisitorCapture implements UmamiVisitorCapture {

	private final UmamiPrivacyPolicy policy;

	private final @Nullable UmamiDistinctIdResolver distinctIdResolver;

	public ServletUmamiVisitorCapture(UmamiPrivacyPolicy policy, @Nullable UmamiDistinctIdResolver distinctIdResolver) {
		Assert.notNull(policy, "'policy' must not be null");
		this.policy = policy;
		this.distinctIdResolver = distinctIdResolver;
	}

	@Override
	public @Nullable CapturedVisitor captureCurrentVisitor() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servletAttributes) {
			return capture(servletAttributes.getRequest());
		}
		return null;
	}

	/**
	 * Capture the given request.
	 * @param request the request
	 * @return the capture
	 */
	public CapturedVisitor capture(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		String path = (contextPath != null && uri.startsWith(contextPath)) ? uri.substring(contextPath.length()) : uri;
		String query = request.getQueryString();
		RequestFacts facts = new RequestFacts(path, request.getServerName(), (query != null) ? uri + "?" + query : uri,
				request.getHeader(HttpHeaders.REFERER), request.getHeader(HttpHeaders.ACCEPT_LANGUAGE),
				request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr(),
				request.getHeader(UmamiPrivacyPolicy.GLOBAL_PRIVACY_CONTROL_HEADER));
		CapturedVisitor captured = this.policy.capture(facts);
		if (captured.isTracked() && this.distinctIdResolver != null) {
			Principal principal = request.getUserPrincipal();
			if (principal != null) {
				captured = captured
					.withDistinctId(UmamiPrivacyPolicy.resolveDistinctId(this.distinctIdResolver, principal));
			}
		}
		return captured;
	}

}
