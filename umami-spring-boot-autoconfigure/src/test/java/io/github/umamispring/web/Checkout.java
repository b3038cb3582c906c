package io.github.umamispring.web;

import java.math.BigDecimal;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiEventProcessor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * What the test applications that record revenue and process their events share: the
 * {@link UmamiEventProcessor} beans an application declares to add its environment and
 * release to every event and to keep internal users out of its statistics.
 */
final class Checkout {

	static final String ENVIRONMENT = "staging";

	static final String VERSION = "1.4.2";

	/**
	 * Addresses of the office network, whose visitors are internal users.
	 */
	static final String OFFICE_NETWORK = "10.";

	/**
	 * Prefix of the distinct ids of internal users.
	 */
	static final String STAFF = "staff-";

	private Checkout() {
	}

	/**
	 * The processors, on unless {@code test.processors=false}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "test.processors", matchIfMissing = true)
	static class EventProcessors {

		// declared before the processor it follows: @Order decides, not the declaration
		@Bean
		@Order(20)
		UmamiEventProcessor addRelease() {
			return (event) -> event.toBuilder()
				.data("release", VERSION + "-" + event.getData().get("environment"))
				.build();
		}

		@Bean
		@Order(10)
		UmamiEventProcessor addEnvironment() {
			return (event) -> event.toBuilder().data("environment", ENVIRONMENT).build();
		}

		@Bean
		@Order(0)
		DropInternalUsers dropInternalUsers() {
			return new DropInternalUsers();
		}

		@Bean
		@Order(5)
		@ConditionalOnBooleanProperty("test.failing-processor")
		UmamiEventProcessor failingOnSignups() {
			return (event) -> {
				if ("signup".equals(event.getName())) {
					throw new IllegalStateException("No signup expected from " + event.getIp());
				}
				return event;
			};
		}

	}

	/**
	 * Drops the events of internal users: visitors from the office network, and users
	 * whose distinct id names them staff.
	 */
	static class DropInternalUsers implements UmamiEventProcessor {

		@Override
		public @Nullable UmamiEvent process(UmamiEvent event) {
			boolean office = event.getIp() != null && event.getIp().startsWith(OFFICE_NETWORK);
			boolean staff = event.getId() != null && event.getId().startsWith(STAFF);
			return (office || staff) ? null : event;
		}

	}

	/**
	 * What a checkout returns.
	 *
	 * @param order the order id
	 * @param total the amount paid
	 * @param currency the currency paid in
	 */
	record Receipt(String order, BigDecimal total, String currency) {

	}

}
