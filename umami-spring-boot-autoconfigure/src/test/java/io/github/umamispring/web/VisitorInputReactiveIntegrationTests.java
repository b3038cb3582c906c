package io.github.umamispring.web;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What visitors send past Umami's limits, in a WebFlux application on Netty.
 */
class VisitorInputReactiveIntegrationTests extends AbstractVisitorInputIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runReactive(TrackEventReactiveIntegrationTests.ReactiveApplication.class, properties);
	}

}
