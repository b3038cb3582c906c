package io.github.umamispring.web;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What visitors send past Umami's limits, in a servlet application on Tomcat.
 */
class VisitorInputServletIntegrationTests extends AbstractVisitorInputIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(TrackEventServletIntegrationTests.ServletApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(properties)
			.run();
	}

}
