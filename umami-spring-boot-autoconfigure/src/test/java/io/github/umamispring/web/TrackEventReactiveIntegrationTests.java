package io.github.umamispring.web;

import java.security.Principal;
import java.util.Map;

import io.github.umamispring.test.server.MockUmamiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @TrackEvent} in a WebFlux application on Netty.
 */
class TrackEventReactiveIntegrationTests extends AbstractTrackEventIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runReactive(ReactiveApplication.class, properties);
	}

	@Override
	String visitorPath() {
		return "/mono/orders/42?ref=mail";
	}

	@Override
	String visitorPathEvent() {
		return "\"name\":\"mono-order-viewed\",\"data\":{\"id\":\"42\",\"plan\":\"team\",\"amount\":7}";
	}

	@Override
	String expectedVisitorPathBody() {
		return "{\"id\":\"42\",\"plan\":\"team\",\"amount\":7}";
	}

	@Test
	void recordsBlockingMethodWithoutVisitorAndSaysWhyOnceAtStartup(CapturedOutput output) throws Exception {
		startBehindProxy();
		String warning = "@TrackEvent on "
				+ TrackedController.class.getDeclaredMethod("order", String.class, String.class).toGenericString()
				+ " records its events without the visitor: a WebFlux method returning a plain value";
		assertThat(output.getOut().lines().filter((line) -> line.contains(warning))).singleElement()
			.asString()
			.contains(" WARN ", "Return a Mono", "suspend function", "spring.reactor.context-propagation=auto");
		assertThat(get("/orders/42?coupon=SPRING").statusCode()).isEqualTo(200);
		assertPayload(takeEvent(), "{\"type\":\"event\",\"payload\":{\"website\":\"" + MockUmamiServer.WEBSITE_ID
				+ "\",\"name\":\"order-viewed\",\"data\":{\"id\":\"42\",\"coupon\":\"SPRING\",\"plan\":\"pro\"}}}");
		assertThat(output.getOut().lines().filter((line) -> line.contains(warning))).hasSize(1);
	}

	@Test
	void saysNothingAtStartupAboutMethodsReturningPublishers(CapturedOutput output) throws Exception {
		startBehindProxy();
		assertThat(output.getOut()).contains("TrackedController.order(")
			.doesNotContain("TrackedController.monoOrder(")
			.doesNotContain("TrackedController.items(");
	}

	@AfterEach
	void disableAutomaticContextPropagation() {
		// enabled globally by Spring Boot for spring.reactor.context-propagation=auto
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void recordsBlockingMethodAsTheVisitorWithAutomaticContextPropagation(CapturedOutput output) throws Exception {
		startBehindProxy("spring.reactor.context-propagation=auto");
		assertThat(output.getOut()).doesNotContain("records its events without the visitor");
		assertThat(get("/orders/42?coupon=SPRING").statusCode()).isEqualTo(200);
		assertPayload(takeEvent(), visitorPayload("/orders/42?coupon=SPRING", VISITOR_IP,
				"\"name\":\"order-viewed\",\"data\":{\"id\":\"42\",\"coupon\":\"SPRING\",\"plan\":\"pro\"}"));
	}

	@Test
	void recordsCompletionStageWhenItCompletes() throws Exception {
		startBehindProxy();
		assertThat(get("/stage/report?week=12").body()).isEqualTo("weekly");
		assertThat(takeEvent().payload()).containsEntry("name", "report-ready")
			.containsEntry("data", Map.of("report", "weekly"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(TrackedController.class)
	static class ReactiveApplication {

		@Bean
		UmamiDistinctIdResolver umamiDistinctIdResolver() {
			return (principal) -> "user-" + principal.getName();
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		WebFilter testAuthenticationWebFilter() {
			return (exchange, chain) -> {
				String user = exchange.getRequest().getHeaders().getFirst(TEST_USER_HEADER);
				if (user == null) {
					return chain.filter(exchange);
				}
				Principal principal = () -> user;
				return chain.filter(exchange.mutate().principal(Mono.just(principal)).build());
			};
		}

	}

}
