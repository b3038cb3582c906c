package io.github.umamispring.web;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What visitors send past Umami's limits, in a servlet application on Tomcat.
 */
class VisitorInputServletIntegrationTests extends AbstractVisitorInputIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runServlet(TrackEventServletIntegrationTests.ServletApplication.class, properties);
	}

}
