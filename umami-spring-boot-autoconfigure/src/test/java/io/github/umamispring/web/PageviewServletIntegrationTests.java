package io.github.umamispring.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.Principal;

import io.github.umamispring.test.server.ReceivedEvent;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side pageviews in a servlet application on Tomcat.
 */
class PageviewServletIntegrationTests extends AbstractPageviewIntegrationTests {

	private static final String USER_HEADER = "X-Test-User";

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runServlet(ServletApplication.class, properties);
	}

	@Test
	void recordsPageviewOfAsyncRequestWhenItCompletes() throws Exception {
		startBehindProxy();
		HttpResponse<String> response = get("/async/pricing", VISITOR_IP, "Accept", "text/html");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(PageHtml.PRICING);
		assertPayload(takeEvent(), visitorPayload("/async/pricing", VISITOR_IP, "\"title\":\"Async pricing\""));
	}

	@Test
	void recordsTheDistinctIdOfAnAsyncRequestFromThePrincipalOfItsFirstThread() throws Exception {
		startBehindProxy();
		HttpResponse<String> response = get("/async/pricing", VISITOR_IP, "Accept", "text/html", USER_HEADER, "alice");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedEvent pageview = takeEvent();
		assertThat(pageview.url()).isEqualTo("/async/pricing");
		assertThat(pageview.id()).isEqualTo("user-alice");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(PageController.class)
	static class ServletApplication {

		@Bean
		UmamiDistinctIdResolver umamiDistinctIdResolver() {
			return (principal) -> "user-" + principal.getName();
		}

		@Bean
		ThreadBoundPrincipalFilter threadBoundPrincipalFilter() {
			return new ThreadBoundPrincipalFilter();
		}

	}

	/**
	 * Authenticates the request as the user named in a header the way Spring Security
	 * does: the principal is bound to the thread that runs the filter chain, on each
	 * dispatch, and the request's {@code getUserPrincipal()} reads it from there.
	 */
	static class ThreadBoundPrincipalFilter extends OncePerRequestFilter implements Ordered {

		private static final ThreadLocal<Principal> principal = new ThreadLocal<>();

		@Override
		public int getOrder() {
			return -100;
		}

		@Override
		protected boolean shouldNotFilterAsyncDispatch() {
			return false;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
				FilterChain filterChain) throws ServletException, IOException {
			String user = request.getHeader(USER_HEADER);
			if (user == null) {
				filterChain.doFilter(request, response);
				return;
			}
			principal.set(() -> user);
			try {
				filterChain.doFilter(new HttpServletRequestWrapper(request) {

					@Override
					public Principal getUserPrincipal() {
						return principal.get();
					}

				}, response);
			}
			finally {
				principal.remove();
			}
		}

	}

	@RestController
	static class PageController {

		@GetMapping(path = "/pricing", produces = MediaType.TEXT_HTML_VALUE)
		String pricing(HttpServletRequest request) {
			request.setAttribute(UmamiPageviews.TITLE_ATTRIBUTE, "Pricing");
			return PageHtml.PRICING;
		}

		@PostMapping(path = "/pricing", produces = MediaType.TEXT_HTML_VALUE)
		String subscribe() {
			return PageHtml.PRICING;
		}

		@GetMapping(path = "/about", produces = MediaType.TEXT_HTML_VALUE)
		String about(HttpServletRequest request) {
			request.setAttribute(UmamiPageviews.TITLE_ATTRIBUTE, "About");
			return PageHtml.ABOUT;
		}

		@GetMapping(path = "/async/pricing", produces = MediaType.TEXT_HTML_VALUE)
		Mono<String> asyncPricing(HttpServletRequest request) {
			request.setAttribute(UmamiPageviews.TITLE_ATTRIBUTE, "Async pricing");
			return Mono.just(PageHtml.PRICING).publishOn(Schedulers.parallel());
		}

		@GetMapping(path = "/admin/dashboard", produces = MediaType.TEXT_HTML_VALUE)
		String admin() {
			return PageHtml.ADMIN;
		}

		@GetMapping(path = "/api/prices", produces = MediaType.APPLICATION_JSON_VALUE)
		String prices() {
			return "{\"pro\":42}";
		}

	}

}
