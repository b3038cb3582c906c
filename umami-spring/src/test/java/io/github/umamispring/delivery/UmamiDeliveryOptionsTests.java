package io.github.umamispring.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

	@Test
	void builderStartsFromTheDefaultsAndKeepsWhatIsNotSet() {
		UmamiDeliveryOptions options = UmamiDeliveryOptions.builder().maxInFlight(4).batchEnabled(false).build();
		assertThat(options.maxInFlight()).isEqualTo(4);
		assertThat(options.batchEnabled()).isFalse();
		assertThat(options.queueCapacity()).isEqualTo(this.defaults.queueCapacity());
		assertThat(options.readTimeout()).isEqualTo(this.defaults.readTimeout());
		assertThat(options.toBuilder().queueCapacity(7).build().maxInFlight()).isEqualTo(4);
	}

	@Test
	void builderRefusesImpossibleValuesNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiDeliveryOptions.builder().batchMaxSize(501))
			.withMessage("'batchMaxSize' must be between 1 and 500, not 501");
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiDeliveryOptions.builder().queueCapacity(0))
			.withMessage("'queueCapacity' must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UmamiDeliveryOptions.builder().initialBackoff(Duration.ofSeconds(-1)))
			.withMessage("'initialBackoff' must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiDeliveryOptions.builder().readTimeout(Duration.ZERO))
			.withMessage("'readTimeout' must be positive");
	}

	private UmamiDeliveryOptions withReadTimeoutPerEvent(Duration perEvent) {
		return this.defaults.toBuilder().readTimeoutPerEvent(perEvent).build();
	}

}
