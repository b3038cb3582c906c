package io.github.umamispring.web;

import java.security.Principal;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @TrackEvent} in a servlet application on Tomcat.
 */
class TrackEventServletIntegrationTests extends AbstractTrackEventIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runServlet(ServletApplication.class, properties);
	}

	@Override
	String visitorPath() {
		return "/orders/42?coupon=SPRING";
	}

	@Override
	String visitorPathEvent() {
		return "\"name\":\"order-viewed\",\"data\":{\"id\":\"42\",\"coupon\":\"SPRING\",\"plan\":\"pro\"}";
	}

	@Override
	String expectedVisitorPathBody() {
		return "{\"id\":\"42\",\"plan\":\"pro\",\"amount\":42}";
	}

	@Test
	void recordsCompletionStageWhenItCompletesAsTheVisitor() throws Exception {
		startBehindProxy();
		assertThat(get("/stage/report?week=12").body()).isEqualTo("weekly");
		assertPayload(takeEvent(), visitorPayload("/stage/report?week=12", VISITOR_IP,
				"\"name\":\"report-ready\",\"data\":{\"report\":\"weekly\"}"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(TrackedController.class)
	static class ServletApplication {

		@Bean
		UmamiDistinctIdResolver umamiDistinctIdResolver() {
			return (principal) -> "user-" + principal.getName();
		}

		@Bean
		Filter testAuthenticationFilter() {
			return (request, response, chain) -> {
				HttpServletRequest httpRequest = (HttpServletRequest) request;
				String user = httpRequest.getHeader(TEST_USER_HEADER);
				chain.doFilter((user != null) ? new HttpServletRequestWrapper(httpRequest) {

					@Override
					public Principal getUserPrincipal() {
						return () -> user;
					}

				} : request, response);
			};
		}

	}

}
