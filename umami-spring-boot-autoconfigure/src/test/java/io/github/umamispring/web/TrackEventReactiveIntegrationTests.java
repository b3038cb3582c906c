package io.github.umamispring.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @TrackEvent} in a WebFlux application on Netty.
 */
class TrackEventReactiveIntegrationTests extends AbstractTrackEventIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(ReactiveApplication.class).web(WebApplicationType.REACTIVE)
			.properties(properties)
			.run();
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
	void recordsBlockingMethodWithoutVisitorAndSaysWhy(CapturedOutput output) throws Exception {
		startBehindProxy();
		assertThat(get("/orders/42?coupon=SPRING").statusCode()).isEqualTo(200);
		assertPayload(this.umami.takeRequest(), "{\"type\":\"event\",\"payload\":{\"website\":\""
				+ UmamiStandIn.WEBSITE_ID
				+ "\",\"name\":\"order-viewed\",\"data\":{\"id\":\"42\",\"coupon\":\"SPRING\",\"plan\":\"pro\"}}}");
		assertThat(output.getOut()).contains("records its events without the visitor: in a WebFlux application");
	}

	@Test
	void recordsCompletionStageWhenItCompletes() throws Exception {
		startBehindProxy();
		assertThat(get("/stage/report?week=12").body()).isEqualTo("weekly");
		assertThat(UmamiStandIn.payload(this.umami.takeRequest())).containsEntry("name", "report-ready")
			.containsEntry("data", Map.of("report", "weekly"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(TrackedController.class)
	static class ReactiveApplication {

		@Bean
		NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
			return new NettyReactiveWebServerFactory();
		}

	}

}
