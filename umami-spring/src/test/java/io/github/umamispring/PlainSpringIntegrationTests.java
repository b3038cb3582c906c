package io.github.umamispring;

import java.time.Duration;
import java.util.Map;

import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.aop.TrackEventAdvisor;
import io.github.umamispring.aop.TrackEventInterceptor;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiEventDefaults;
import io.github.umamispring.test.server.MockUmamiServer;
import io.github.umamispring.test.server.ReceivedEvent;
import io.github.umamispring.transport.WebClientUmamiTransport;
import io.github.umamispring.web.UmamiPrivacyPolicy;
import io.github.umamispring.web.WebFluxUmamiVisitorCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.aop.framework.autoproxy.DefaultAdvisorAutoProxyCreator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library in a plain Spring Framework application, without Spring Boot (which is not
 * on this module's class path): the tracker and the {@code @TrackEvent} advisor declared
 * as beans, a WebFlux application served by Reactor Netty, and a request whose event
 * reaches a loopback Umami with the visitor's page and browser.
 */
class PlainSpringIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0";

	private final MockUmamiServer umami = MockUmamiServer.start();

	private AnnotationConfigApplicationContext context;

	private DisposableServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.disposeNow();
		}
		if (this.context != null) {
			this.context.close();
		}
		this.umami.close();
	}

	@Test
	void recordsAnAnnotatedHandlersEventAsTheVisitorWhoCalledIt() {
		start();
		String answer = WebClient.create("http://127.0.0.1:" + this.server.port())
			.get()
			.uri("/signup?plan=pro")
			.header("User-Agent", FIREFOX)
			.header("Accept-Language", "de-CH,de;q=0.9")
			.header("Referer", "https://www.example.org/pricing")
			.retrieve()
			.bodyToMono(String.class)
			.block(TIMEOUT);
		assertThat(answer).isEqualTo("welcome to pro");
		ReceivedEvent event = this.umami.awaitEvents(1, TIMEOUT).get(0);
		assertThat(event.website()).isEqualTo(MockUmamiServer.WEBSITE_ID);
		assertThat(event.name()).isEqualTo("signup");
		assertThat(event.data()).isEqualTo(Map.of("plan", "pro"));
		assertThat(event.url()).isEqualTo("/signup?plan=pro");
		assertThat(event.hostname()).isEqualTo("127.0.0.1");
		assertThat(event.language()).isEqualTo("de-CH");
		assertThat(event.referrer()).isEqualTo("https://www.example.org/pricing");
		assertThat(event.userAgent()).isEqualTo(FIREFOX);
		assertThat(event.ip()).isEqualTo("127.0.0.1");
	}

	@Test
	void drainsWhatWasTrackedWhenTheContextCloses() {
		start();
		UmamiTracker tracker = this.context.getBean(UmamiTracker.class);
		for (int i = 0; i < 20; i++) {
			tracker.track("report", Map.of("run", i));
		}
		this.context.close();
		assertThat(this.umami.events()).hasSize(20);
	}

	private void start() {
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean(MockUmamiServer.class, () -> this.umami);
		this.context.register(Application.class);
		this.context.refresh();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(WebHttpHandlerBuilder.applicationContext(this.context).build()))
			.bindNow();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFlux
	static class Application {

		@Bean
		DefaultUmamiTracker umamiTracker(MockUmamiServer umami) {
			return new DefaultUmamiTracker(WebClientUmamiTransport.builder(umami.getHostUrl()).build(),
					new UmamiEventDefaults(umami.getWebsiteId(), "shop.example.com",
							"Mozilla/5.0 (X11; Linux x86_64)"));
		}

		@Bean
		ServerWebExchangeContextFilter serverWebExchangeContextFilter() {
			return new ServerWebExchangeContextFilter();
		}

		@Bean
		WebFluxUmamiVisitorCapture umamiVisitorCapture() {
			return new WebFluxUmamiVisitorCapture(UmamiPrivacyPolicy.defaults(), null);
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static DefaultAdvisorAutoProxyCreator autoProxyCreator() {
			DefaultAdvisorAutoProxyCreator creator = new DefaultAdvisorAutoProxyCreator();
			creator.setProxyTargetClass(true);
			return creator;
		}

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static TrackEventAdvisor umamiTrackEventAdvisor(ObjectProvider<UmamiTracker> tracker,
				ObjectProvider<WebFluxUmamiVisitorCapture> visitorCapture) {
			return new TrackEventAdvisor(new TrackEventInterceptor(tracker::getObject, visitorCapture::getObject,
					visitorCapture::getObject, null));
		}

		@Bean
		SignupController signupController() {
			return new SignupController();
		}

	}

	@RestController
	static class SignupController {

		@GetMapping("/signup")
		@TrackEvent(name = "signup", data = "{plan: #plan}")
		Mono<String> signup(@RequestParam String plan) {
			return Mono.just("welcome to " + plan);
		}

	}

}
