package io.github.umamispring.autoconfigure;

import java.time.Duration;

import io.github.umamispring.delivery.UmamiDeliveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiDeliveryOptionsMapper}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiDeliveryOptionsMapperTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, UmamiAutoConfiguration.class))
		.withPropertyValues("umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f");

	@Test
	void failsWhenBatchMaxSizeIsAboveWhatUmamiTakes() {
		this.contextRunner.withPropertyValues("umami.delivery.batch.max-size=600")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("umami.delivery.batch.max-size");
					assertThat(ex.getValue()).isEqualTo(600);
					assertThat(ex.getReason()).contains("between 1 and 500");
				}));
	}

	@Test
	void failsWhenQueueCapacityIsNotPositive() {
		this.contextRunner.withPropertyValues("umami.delivery.queue.capacity=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("umami.delivery.queue.capacity")));
	}

	@ParameterizedTest
	@CsvSource({ "umami.delivery.connect-timeout, 0s, PT0S", "umami.delivery.read-timeout, -1s, PT-1S",
			"umami.delivery.retry.max-attempts, 0, 0", "umami.delivery.retry.initial-backoff, -1ms, PT-0.001S",
			"umami.delivery.retry.max-backoff, -1s, PT-1S", "umami.delivery.batch.max-wait, -1ms, PT-0.001S",
			"umami.delivery.shutdown-timeout, -1s, PT-1S", "umami.delivery.max-in-flight, 0, 0",
			"umami.delivery.read-timeout-per-event, -1ms, PT-0.001S" })
	void failsOnImpossibleValue(String property, String value, String reported) {
		this.contextRunner.withPropertyValues(property + "=" + value)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo(property);
					assertThat(ex.getValue()).hasToString(reported);
					assertThat(ex.getReason()).contains("Set '" + property + "'");
				}));
	}

	@Test
	void bindsOverflowPolicy() {
		this.contextRunner.withPropertyValues("umami.delivery.queue.overflow=drop-oldest")
			.run((context) -> assertThat(context.getBean(UmamiProperties.class).getDelivery().getQueue().getOverflow())
				.isEqualTo(UmamiProperties.Delivery.Queue.Overflow.DROP_OLDEST));
	}

	@Test
	void mapsEveryDeliveryProperty() {
		this.contextRunner
			.withPropertyValues("umami.delivery.queue.capacity=7", "umami.delivery.queue.overflow=drop-oldest",
					"umami.delivery.retry.max-attempts=2", "umami.delivery.retry.initial-backoff=10ms",
					"umami.delivery.retry.max-backoff=1s", "umami.delivery.batch.enabled=false",
					"umami.delivery.batch.max-size=20", "umami.delivery.batch.max-wait=5ms",
					"umami.delivery.shutdown-timeout=3s", "umami.delivery.max-in-flight=4",
					"umami.delivery.connect-timeout=1s", "umami.delivery.read-timeout=9s",
					"umami.delivery.read-timeout-per-event=1ms", "umami.over-limit=refuse")
			.run((context) -> {
				UmamiDeliveryOptions options = UmamiDeliveryOptionsMapper.map(context.getBean(UmamiProperties.class));
				assertThat(options.queueCapacity()).isEqualTo(7);
				assertThat(options.dropOldest()).isTrue();
				assertThat(options.maxAttempts()).isEqualTo(2);
				assertThat(options.initialBackoff()).isEqualTo(Duration.ofMillis(10));
				assertThat(options.maxBackoff()).isEqualTo(Duration.ofSeconds(1));
				assertThat(options.batchEnabled()).isFalse();
				assertThat(options.batchMaxSize()).isEqualTo(20);
				assertThat(options.batchMaxWait()).isEqualTo(Duration.ofMillis(5));
				assertThat(options.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.maxInFlight()).isEqualTo(4);
				assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(options.readTimeout()).isEqualTo(Duration.ofSeconds(9));
				assertThat(options.readTimeoutPerEvent()).isEqualTo(Duration.ofMillis(1));
				assertThat(options.refuseAdjustedEvents()).isTrue();
			});
	}

	@Test
	void mapsTheDefaultsToTheLibrarysDefaults() {
		UmamiDeliveryOptions mapped = UmamiDeliveryOptionsMapper.map(new UmamiProperties());
		UmamiDeliveryOptions defaults = UmamiDeliveryOptions.defaults();
		assertThat(mapped).usingRecursiveComparison().isEqualTo(defaults);
	}

}
