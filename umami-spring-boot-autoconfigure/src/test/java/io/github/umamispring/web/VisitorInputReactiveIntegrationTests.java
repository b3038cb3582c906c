package io.github.umamispring.web;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What visitors send past Umami's limits, in a WebFlux application on Netty.
 */
class VisitorInputReactiveIntegrationTests extends AbstractVisitorInputIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(TrackEventReactiveIntegrationTests.ReactiveApplication.class)
			.web(WebApplicationType.REACTIVE)
			.properties(properties)
			.run();
	}

}
