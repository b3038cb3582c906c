package io.github.umamispring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiDeliveryValidator}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiDeliveryValidatorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, UmamiAutoConfiguration.class))
		.withPropertyValues("umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f");

	@Test
	void failsWhenBatchMaxSizeIsAboveWhatUmamiTakes() {
		this.contextRunner.withPropertyValues("umami.batch.max-size=600")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidUmamiPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("umami.batch.max-size");
					assertThat(ex.getValue()).isEqualTo("600");
				}));
	}

	@Test
	void failsWhenQueueCapacityIsNotPositive() {
		this.contextRunner.withPropertyValues("umami.queue.capacity=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidUmamiPropertyException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("umami.queue.capacity")));
	}

	@ParameterizedTest
	@CsvSource({ "umami.connect-timeout, 0s, PT0S", "umami.read-timeout, -1s, PT-1S", "umami.retry.max-attempts, 0, 0",
			"umami.retry.initial-backoff, -1ms, PT-0.001S", "umami.retry.max-backoff, -1s, PT-1S",
			"umami.batch.max-wait, -1ms, PT-0.001S", "umami.shutdown-timeout, -1s, PT-1S", "umami.max-in-flight, 0, 0",
			"umami.read-timeout-per-event, -1ms, PT-0.001S" })
	void failsOnImpossibleValue(String property, String value, String reported) {
		this.contextRunner.withPropertyValues(property + "=" + value)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidUmamiPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo(property);
					assertThat(ex.getValue()).isEqualTo(reported);
					assertThat(ex.getAction()).contains("'" + property + "'");
				}));
	}

	@Test
	void bindsOverflowPolicy() {
		this.contextRunner.withPropertyValues("umami.queue.overflow=drop-oldest")
			.run((context) -> assertThat(context.getBean(UmamiProperties.class).getQueue().getOverflow())
				.isEqualTo(UmamiProperties.Queue.Overflow.DROP_OLDEST));
	}

}
