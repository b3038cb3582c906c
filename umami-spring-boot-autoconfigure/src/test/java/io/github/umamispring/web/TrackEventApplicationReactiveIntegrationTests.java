package io.github.umamispring.web;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.umamispring.testsupport.ResourcelessReactiveTransactionManager;
import org.junit.jupiter.api.AfterEach;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code @TrackEvent} as applications use it, in a WebFlux application on Netty with
 * reactive transactions ({@code TransactionalOperator} and {@code @Transactional}) and
 * Reactor's automatic context propagation, which lets the handler methods that call
 * {@code @Async} methods see their request.
 */
class TrackEventApplicationReactiveIntegrationTests extends AbstractTrackEventApplicationIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runReactive(ReactiveShopApplication.class, properties);
	}

	@Override
	List<String> defaultProperties() {
		return List.of("spring.reactor.context-propagation=auto");
	}

	@AfterEach
	void disableAutomaticContextPropagation() {
		// enabled globally by Spring Boot for spring.reactor.context-propagation=auto
		Hooks.disableAutomaticContextPropagation();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	@EnableTransactionManagement
	@Import({ Shop.Catalog.class, ReactiveShopController.class })
	static class ReactiveShopApplication {

		@Bean
		ResourcelessReactiveTransactionManager transactionManager() {
			return new ResourcelessReactiveTransactionManager();
		}

		@Bean
		TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
			return TransactionalOperator.create(transactionManager);
		}

		@Bean
		Shop.Orders orders() {
			return new Shop.Orders(null);
		}

		@Bean
		Shop.Checkout checkout(Shop.Orders orders) {
			return new Shop.Checkout(orders);
		}

	}

	@RestController
	static class ReactiveShopController {

		private final Shop.Orders orders;

		private final Shop.Checkout checkout;

		private final Shop.Confirmations confirmations;

		private final TransactionalOperator transaction;

		ReactiveShopController(Shop.Orders orders, Shop.Checkout checkout, Shop.Confirmations confirmations,
				TransactionalOperator transaction) {
			this.orders = orders;
			this.checkout = checkout;
			this.confirmations = confirmations;
			this.transaction = transaction;
		}

		@GetMapping("/orders/{id}/commit")
		Mono<String> commit(@PathVariable String id) {
			return this.transaction.transactional(this.orders.placeReactively(id)).thenReturn("placed");
		}

		@GetMapping("/orders/{id}/rollback")
		Mono<String> rollback(@PathVariable String id) {
			Mono<String> refused = this.orders.placeReactively(id)
				.then(Mono.error(new IllegalStateException("payment refused")));
			return this.transaction.transactional(refused).onErrorReturn(IllegalStateException.class, "rolled back");
		}

		@GetMapping("/orders/{id}/checkout")
		Mono<String> checkout(@PathVariable String id) {
			return this.checkout.checkoutReactively(id).onErrorReturn(IllegalStateException.class, "rolled back");
		}

		@GetMapping("/orders/{id}/confirm")
		CompletableFuture<String> confirm(@PathVariable String id) {
			return this.confirmations.confirm(id);
		}

		@GetMapping("/orders/{id}/confirm-on-virtual-thread")
		CompletableFuture<String> confirmOnVirtualThread(@PathVariable String id) {
			return this.confirmations.confirmOnVirtualThread(id);
		}

	}

}
