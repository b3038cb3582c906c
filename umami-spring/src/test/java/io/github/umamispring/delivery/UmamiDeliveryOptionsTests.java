package io.github.umamispring.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiDeliveryOptions}.
 */
class UmamiDeliveryOptionsTests {

	private final UmamiDeliveryOptions defaults = UmamiDeliveryOptions.defaults();

	@Test
	void readTimeoutGrowsWithTheEventsUmamiWritesFirst() {
		assertThat(this.defaults.readTimeout(1, 0)).isEqualTo(Duration.ofSeconds(5));
		assertThat(this.defaults.readTimeout(100, 0)).isEqualTo(Duration.ofMillis(14_900));
		assertThat(this.defaults.readTimeout(100, 200)).isEqualTo(Duration.ofMillis(34_900));
		assertThat(this.defaults.readTimeout(0, 0)).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void readTimeoutKeepsFractionsOfAMillisecondPerEvent() {
		UmamiDeliveryOptions options = withReadTimeoutPerEvent(Duration.ofNanos(1_500_000));
		assertThat(options.readTimeout(3, 1)).isEqualTo(Duration.ofMillis(5_004).plusNanos(500_000));
	}

	@Test
	void readTimeoutOfHugeSettingsIsCappedInsteadOfOverflowing() {
		UmamiDeliveryOptions options = withReadTimeoutPerEvent(Duration.ofDays(365L * 1_000_000));
		assertThat(options.readTimeout(Integer.MAX_VALUE, Integer.MAX_VALUE))
			.isGreaterThan(Duration.ofDays(365L * 100));
		assertThat(options.longestReadTimeout()).isGreaterThan(Duration.ofDays(365L * 100));
	}

	private UmamiDeliveryOptions withReadTimeoutPerEvent(Duration perEvent) {
		UmamiDeliveryOptions d = this.defaults;
		return new UmamiDeliveryOptions(d.queueCapacity(), d.dropOldest(), d.maxAttempts(), d.initialBackoff(),
				d.maxBackoff(), d.batchEnabled(), d.batchMaxSize(), d.batchMaxWait(), d.shutdownTimeout(),
				d.maxInFlight(), d.connectTimeout(), d.readTimeout(), perEvent);
	}

}
