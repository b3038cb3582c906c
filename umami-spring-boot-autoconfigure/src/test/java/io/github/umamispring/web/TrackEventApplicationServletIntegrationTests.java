package io.github.umamispring.web;

import javax.sql.DataSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code @TrackEvent} as applications use it, in a servlet application on Tomcat with its
 * own transaction manager on an embedded H2 database.
 */
class TrackEventApplicationServletIntegrationTests extends AbstractTrackEventApplicationIntegrationTests {

	@Override
	ConfigurableApplicationContext run(String... properties) {
		return runServlet(ServletShopApplication.class, properties);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	@EnableTransactionManagement
	@Import({ Shop.Catalog.class, ServletShopController.class })
	static class ServletShopApplication {

		@Bean(destroyMethod = "shutdown")
		EmbeddedDatabase dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.generateUniqueName(true)
				.addScript("classpath:io/github/umamispring/autoconfigure/orders.sql")
				.build();
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
			return new TransactionTemplate(transactionManager);
		}

		@Bean
		Shop.Orders orders(DataSource dataSource) {
			return new Shop.Orders(new JdbcTemplate(dataSource));
		}

		@Bean
		Shop.Checkout checkout(Shop.Orders orders) {
			return new Shop.Checkout(orders);
		}

	}

	@RestController
	static class ServletShopController {

		private final Shop.Orders orders;

		private final Shop.Checkout checkout;

		private final Shop.Confirmations confirmations;

		private final TransactionTemplate transaction;

		ServletShopController(Shop.Orders orders, Shop.Checkout checkout, Shop.Confirmations confirmations,
				TransactionTemplate transaction) {
			this.orders = orders;
			this.checkout = checkout;
			this.confirmations = confirmations;
			this.transaction = transaction;
		}

		@GetMapping("/orders/{id}/commit")
		String commit(@PathVariable String id) {
			this.transaction.executeWithoutResult((status) -> this.orders.place(id));
			return "placed";
		}

		@GetMapping("/orders/{id}/rollback")
		String rollback(@PathVariable String id) {
			try {
				this.transaction.executeWithoutResult((status) -> {
					this.orders.place(id);
					throw new IllegalStateException("payment refused");
				});
				return "placed";
			}
			catch (IllegalStateException ex) {
				return "rolled back";
			}
		}

		@GetMapping("/orders/{id}/checkout")
		String checkout(@PathVariable String id) {
			try {
				this.checkout.checkout(id);
				return "checked out";
			}
			catch (IllegalStateException ex) {
				return "rolled back";
			}
		}

		@GetMapping("/orders/{id}/confirm")
		String confirm(@PathVariable String id) {
			return this.confirmations.confirm(id).join();
		}

		@GetMapping("/orders/{id}/confirm-on-virtual-thread")
		String confirmOnVirtualThread(@PathVariable String id) {
			return this.confirmations.confirmOnVirtualThread(id).join();
		}

	}

}
