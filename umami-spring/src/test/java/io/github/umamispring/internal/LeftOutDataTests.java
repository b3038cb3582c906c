package io.github.umamispring.internal;

import io.github.umamispring.UmamiAdjustment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LeftOutData}.
 */
class LeftOutDataTests {

	@Test
	void readsTheKeyOfAPropertyItLeftOut() {
		UmamiAdjustment adjustment = LeftOutData.adjustment("order.customer", "com.example.Customer is not written");
		assertThat(adjustment.field()).isEqualTo("data");
		assertThat(adjustment.description())
			.isEqualTo("'order.customer' left out: com.example.Customer is not written");
		assertThat(LeftOutData.path(adjustment)).isEqualTo("order.customer");
	}

	@Test
	void readsNoKeyFromOtherAdjustments() {
		assertThat(LeftOutData.path(new UmamiAdjustment("data", "'item' cut: 600 characters long"))).isNull();
		assertThat(LeftOutData.path(new UmamiAdjustment("data", "3 properties past the 50th left out"))).isNull();
		assertThat(LeftOutData.path(new UmamiAdjustment("url", "'x' left out: not a URL"))).isNull();
	}

}
