package io.github.umamispring.autoconfigure;

import java.time.Duration;
import javax.sql.DataSource;

import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.test.server.MockUmamiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @TrackEvent} on {@code @Transactional} methods of a real application with its
 * own transaction configuration, a {@link DataSourceTransactionManager} on an embedded H2
 * database: the event is recorded after the commit, and not when the commit fails.
 */
class UmamiTrackEventTransactionIntegrationTests {

	private final MockUmamiServer server = MockUmamiServer.start();

	private ConfigurableApplicationContext context;

	private int taken;

	@BeforeEach
	void start() {
		this.context = new SpringApplicationBuilder(TransactionalApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.reactor.netty.shutdown-quiet-period=0s",
					"umami.host-url=" + this.server.getHostUrl(), "umami.website-id=" + this.server.getWebsiteId(),
					"umami.delivery.batch.enabled=false")
			.run();
	}

	@AfterEach
	void stop() {
		this.context.close();
		this.server.close();
	}

	@Test
	void recordsTheEventAfterTheTransactionCommitted() throws Exception {
		Orders orders = this.context.getBean(Orders.class);
		orders.place("o-1");
		assertThat(orders.count("o-1")).isOne();
		// evaluated when the event is recorded: no transaction is active any more
		assertThat(nextEvent()).contains("\"name\":\"order-placed\"", "\"data\":{\"inTransaction\":false}");
	}

	@Test
	void doesNotRecordTheEventWhenTheCommitFails() throws Exception {
		Orders orders = this.context.getBean(Orders.class);
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> orders.placeFailingAtCommit("o-2"));
		assertThat(orders.count("o-2")).as("rows of the rolled back transaction").isZero();
		orders.place("o-3");
		assertThat(nextEvent()).as("the event after the failed one").contains("\"name\":\"order-placed\"");
	}

	private String nextEvent() {
		this.taken++;
		return this.server.awaitEvents(this.taken, Duration.ofSeconds(10)).get(this.taken - 1).request().body();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableTransactionManagement
	static class TransactionalApplication {

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
		Orders orders(DataSource dataSource) {
			return new Orders(new JdbcTemplate(dataSource));
		}

	}

	static class Orders {

		private final JdbcTemplate jdbc;

		Orders(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Transactional
		@TrackEvent(name = "order-placed", data = "{inTransaction: "
				+ "T(org.springframework.transaction.support.TransactionSynchronizationManager).isActualTransactionActive()}")
		public void place(String id) {
			this.jdbc.update("insert into orders (id) values (?)", id);
		}

		/**
		 * Insert a row, and insert it again when the transaction commits, as JPA writes
		 * at commit what it holds: the database refuses the duplicate during the commit,
		 * which then rolls back.
		 */
		@Transactional
		@TrackEvent(name = "order-lost")
		public void placeFailingAtCommit(String id) {
			this.jdbc.update("insert into orders (id) values (?)", id);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void beforeCommit(boolean readOnly) {
					Orders.this.jdbc.update("insert into orders (id) values (?)", id);
				}

			});
		}

		public int count(String id) {
			return this.jdbc.queryForObject("select count(*) from orders where id = ?", Integer.class, id);
		}

	}

}
