package io.github.umamispring.autoconfigure;

import org.junit.jupiter.api.Test;

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

	@Test
	void bindsOverflowPolicy() {
		this.contextRunner.withPropertyValues("umami.queue.overflow=drop-oldest")
			.run((context) -> assertThat(context.getBean(UmamiProperties.class).getQueue().getOverflow())
				.isEqualTo(UmamiProperties.Queue.Overflow.DROP_OLDEST));
	}

}
