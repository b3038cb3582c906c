package io.github.umamispring.aop;

import java.lang.reflect.Method;

import io.github.umamispring.annotation.TrackEvent;
import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link TrackEventConstants} and the other startup checks of the {@code tag},
 * {@code revenue} and {@code currency} of
 * {@link TrackEventOperationSource#check(Method, TrackEvent)}.
 */
class TrackEventConstantsTests {

	@Test
	void acceptsConstantsAndExpressionsUmamiTakes() {
		assertThatNoException().isThrownBy(() -> check("expressions"));
		assertThatNoException().isThrownBy(() -> check("constants"));
		assertThatNoException().isThrownBy(() -> check("constantCurrency"));
	}

	@Test
	void failsOnAConstantTagUmamiRefuses() {
		assertThatIllegalStateException().isThrownBy(() -> check("longTag"))
			.withMessage("@TrackEvent on " + method("longTag").toGenericString()
					+ " has a constant Umami refuses: Event tag '" + "t".repeat(51)
					+ "' is 51 characters long; Umami accepts at most 50");
		assertThatIllegalStateException().isThrownBy(() -> check("formulaTag"))
			.withMessageContaining("has a constant Umami refuses: Event tag '@admin' starts with '@'");
	}

	@Test
	void failsOnAConstantRevenueUmamiCannotRecord() {
		assertThatIllegalStateException().isThrownBy(() -> check("negativeRevenue"))
			.withMessageEndingWith("has a constant Umami refuses: Revenue -5 is not above zero (after rounding to 4"
					+ " decimals), and Umami records revenue above zero");
		assertThatIllegalStateException().isThrownBy(() -> check("textRevenue"))
			.withMessageEndingWith("has a revenue constant that is no number: 'free'");
		assertThatIllegalStateException().isThrownBy(() -> check("unknownCurrency"))
			.withMessageEndingWith(
					"has a constant Umami refuses: Currency 'EURO' is not an ISO 4217 currency code, such as EUR or USD");
	}

	@Test
	void failsOnRevenueWithoutCurrencyAndCurrencyWithoutRevenue() {
		assertThatIllegalStateException().isThrownBy(() -> check("revenueWithoutCurrency"))
			.withMessage("@TrackEvent on " + method("revenueWithoutCurrency").toGenericString()
					+ " sets a revenue without a currency: Umami records revenue only with its currency; set both,"
					+ " such as revenue = \"#result.total\", currency = \"#result.currency\" (or \"'EUR'\")");
		assertThatIllegalStateException().isThrownBy(() -> check("currencyWithoutRevenue"))
			.withMessageContaining("sets a currency without a revenue");
	}

	@Test
	void failsOnAnExpressionThatDoesNotParse() {
		assertThatIllegalStateException().isThrownBy(() -> check("unparsableTag"))
			.withMessageContaining("has a tag expression that does not parse: '#variant +'");
	}

	private static void check(String name) {
		Method method = method(name);
		TrackEventOperationSource.check(method, AnnotatedElementUtils.findMergedAnnotation(method, TrackEvent.class));
	}

	private static Method method(String name) {
		return ReflectionUtils.findMethod(Checkouts.class, name);
	}

	static class Checkouts {

		@TrackEvent(tag = "#variant", revenue = "#result", currency = "#currency")
		void expressions() {
		}

		@TrackEvent(tag = "'spring-sale'", revenue = "9.99", currency = "'eur'")
		void constants() {
		}

		@TrackEvent(revenue = "#result", currency = "'USD'")
		void constantCurrency() {
		}

		@TrackEvent(tag = "'ttttttttttttttttttttttttttttttttttttttttttttttttttt'")
		void longTag() {
		}

		@TrackEvent(tag = "'@admin'")
		void formulaTag() {
		}

		@TrackEvent(revenue = "-5", currency = "'EUR'")
		void negativeRevenue() {
		}

		@TrackEvent(revenue = "'free'", currency = "'EUR'")
		void textRevenue() {
		}

		@TrackEvent(revenue = "#result", currency = "'EURO'")
		void unknownCurrency() {
		}

		@TrackEvent(revenue = "#result.total")
		void revenueWithoutCurrency() {
		}

		@TrackEvent(currency = "'EUR'")
		void currencyWithoutRevenue() {
		}

		@TrackEvent(tag = "#variant +")
		void unparsableTag() {
		}

	}

}
