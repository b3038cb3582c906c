package io.github.umamispring.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.github.umamispring.UmamiTracker;
import io.github.umamispring.annotation.TrackEvent;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.TaskDecorator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Beans of the test applications that use {@code @TrackEvent} as applications do:
 * entities and records in the data, {@code Optional} results, methods that join the
 * caller's transaction, {@code @Async} methods.
 */
final class Shop {

	/**
	 * An event name past Umami's 50 characters, as a product's name taken at run time can
	 * be.
	 */
	static final String LONG_NAME = "espresso-machine-with-milk-frother-grinder-timer-and-2l-tank";

	private Shop() {
	}

	/**
	 * A bidirectional entity as JPA applications write them: its generated
	 * {@code toString()} prints an e-mail address and recurses through its orders.
	 */
	static final class Customer {

		private final String email;

		private final List<Order> orders = new ArrayList<>();

		Customer(String email) {
			this.email = email;
			this.orders.add(new Order(this));
		}

		public String getEmail() {
			return this.email;
		}

		public String getPlan() {
			return "pro";
		}

		@Override
		public String toString() {
			return "Customer[email=" + this.email + ", orders=" + this.orders + "]";
		}

	}

	static final class Order {

		private final Customer customer;

		Order(Customer customer) {
			this.customer = customer;
		}

		@Override
		public String toString() {
			return "Order[customer=" + this.customer + "]";
		}

	}

	record Account(String email, String plan) {

	}

	record Product(String id, BigDecimal price) {

	}

	static class Customers {

		@TrackEvent(name = "customer-viewed", data = "{customer: #result, plan: #result.plan}")
		public Customer customer(String name) {
			return new Customer(name + "@example.com");
		}

		@TrackEvent(name = "account-viewed", data = "{account: #result}")
		public Account account(String email) {
			return new Account(email, "team");
		}

		@TrackEvent(name = "product-viewed", data = "{found: #result != null, price: #result?.price()}")
		public Optional<Product> product(String id) {
			return "42".equals(id) ? Optional.of(new Product(id, new BigDecimal("9.90"))) : Optional.empty();
		}

	}

	/**
	 * Orders placed inside the caller's transaction: a row in the servlet application's
	 * database, nothing but the event in the reactive one.
	 */
	static class Orders {

		private final JdbcTemplate jdbc;

		Orders(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@TrackEvent(name = "order-placed", data = "{id: #p0}")
		public String place(String id) {
			if (this.jdbc != null) {
				this.jdbc.update("insert into orders (id) values (?)", id);
			}
			return id;
		}

		@TrackEvent(name = "order-placed", data = "{id: #result}")
		public Mono<String> placeReactively(String id) {
			return Mono.just(id);
		}

	}

	/**
	 * A checkout whose payment is refused after the order was placed: its transaction
	 * rolls back.
	 */
	static class Checkout {

		private final Orders orders;

		Checkout(Orders orders) {
			this.orders = orders;
		}

		@Transactional
		public void checkout(String id) {
			this.orders.place(id);
			throw new IllegalStateException("payment refused");
		}

		@Transactional
		public Mono<String> checkoutReactively(String id) {
			return this.orders.placeReactively(id).then(Mono.error(new IllegalStateException("payment refused")));
		}

	}

	static class Confirmations {

		@Async
		@TrackEvent(name = "order-confirmed",
				data = "{id: #p0, tenant: T(io.github.umamispring.web.Shop$Tenant).get()}")
		public CompletableFuture<String> confirm(String id) {
			return CompletableFuture.completedFuture(id);
		}

		@Async
		@TrackEvent(name = "order-confirmed", data = "{id: #p0, tenant: T(io.github.umamispring.web.Shop$Tenant).get(),"
				+ " virtual: T(Thread).currentThread().isVirtual()}")
		public CompletableFuture<String> confirmOnVirtualThread(String id) {
			return CompletableFuture.completedFuture(id);
		}

	}

	/**
	 * What the application's own task decorator hands to its tasks.
	 */
	static final class Tenant {

		private static final ThreadLocal<String> current = new ThreadLocal<>();

		private Tenant() {
		}

		public static String get() {
			return current.get();
		}

	}

	/**
	 * The application's own task decorator, which must keep working beside the visitor's.
	 */
	static final class TenantTaskDecorator implements TaskDecorator {

		@Override
		public Runnable decorate(Runnable runnable) {
			return () -> {
				Tenant.current.set("acme");
				try {
					runnable.run();
				}
				finally {
					Tenant.current.remove();
				}
			};
		}

	}

	/**
	 * The beans and handlers of both test applications that need no transaction manager:
	 * the servlet and the reactive application each add their orders, checkout and the
	 * handlers that call them.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(CatalogController.class)
	static class Catalog {

		@Bean
		Customers customers() {
			return new Customers();
		}

		@Bean
		Confirmations confirmations() {
			return new Confirmations();
		}

		@Bean
		@ConditionalOnBooleanProperty("test.tenant-decorator")
		TaskDecorator tenantTaskDecorator() {
			return new TenantTaskDecorator();
		}

	}

	/**
	 * Handlers written alike for Spring MVC and WebFlux.
	 */
	@RestController
	static class CatalogController {

		private final Customers customers;

		private final UmamiTracker tracker;

		CatalogController(Customers customers, UmamiTracker tracker) {
			this.customers = customers;
			this.tracker = tracker;
		}

		@GetMapping("/customers/{name}")
		String customer(@PathVariable String name) {
			return this.customers.customer(name).getEmail();
		}

		@GetMapping("/accounts/{email}")
		String account(@PathVariable String email) {
			return this.customers.account(email).plan();
		}

		@GetMapping("/products/{id}")
		String product(@PathVariable String id) {
			return this.customers.product(id).map((product) -> product.price().toPlainString()).orElse("none");
		}

		@GetMapping("/track/long-name")
		String trackLongName() {
			this.tracker.track(LONG_NAME, Map.of("price", 499));
			return "tracked";
		}

		@GetMapping("/marker")
		@TrackEvent("marker")
		String marker() {
			return "marker";
		}

	}

}
