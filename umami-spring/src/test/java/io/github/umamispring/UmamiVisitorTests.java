package io.github.umamispring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiVisitor}.
 */
class UmamiVisitorTests {

	private static final UmamiVisitor VISITOR = new UmamiVisitor("shop.example.com", "/cart", null, "de-CH",
			"Mozilla/5.0", "203.0.113.7");

	@Test
	void anonymizesOnlyTheIp() {
		assertThat(VISITOR.withAnonymizedIp())
			.isEqualTo(new UmamiVisitor("shop.example.com", "/cart", null, "de-CH", "Mozilla/5.0", "203.0.113.0"));
	}

	@Test
	void keepsWhatIsNotAnAddressForTheEventsBuildToLeaveOut() {
		UmamiVisitor forged = new UmamiVisitor("shop.example.com", "/cart", null, null, null, "unknown");
		assertThat(forged.withAnonymizedIp()).isSameAs(forged);
		assertThat(UmamiEvent.event("checkout").visitor(forged.withAnonymizedIp()).build().getIp()).isNull();
	}

	@Test
	void keepsAVisitorWithoutIp() {
		UmamiVisitor withoutIp = new UmamiVisitor("shop.example.com", "/cart", null, null, null, null);
		assertThat(withoutIp.withAnonymizedIp()).isSameAs(withoutIp);
	}

}
