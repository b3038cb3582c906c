package io.github.umamispring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.umamispring.internal.RuntimeEventValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiRuntimeValues}: a tag and revenue known only at run time, handed
 * over by {@link RuntimeEventValues}, are left out with an adjustment where Umami would
 * refuse them, never refused with the event.
 */
class UmamiRuntimeValuesTests {

	@Test
	void setsATagUmamiAccepts() {
		assertThat(tagged("variant-b").getTag()).isEqualTo("variant-b");
		assertThat(tagged(Variant.B).getTag()).isEqualTo("B");
		assertThat(tagged(42).getTag()).isEqualTo("42");
		assertThat(tagged(true).getTag()).isEqualTo("true");
		assertThat(tagged(new StringBuilder("sb")).getTag()).isEqualTo("sb");
	}

	@Test
	void setsNoTagForNullOrBlank() {
		for (Object tag : new Object[] { null, "", "  " }) {
			UmamiEvent event = tagged(tag);
			assertThat(event.getTag()).isNull();
			assertThat(event.getAdjustments()).isEmpty();
		}
	}

	@Test
	void leavesOutATagOverFiftyCharacters() {
		UmamiEvent event = tagged("t".repeat(51));
		assertThat(event.getTag()).isNull();
		assertThat(event.getAdjustments())
			.containsExactly(new UmamiAdjustment("tag", "left out: 51 characters long, over Umami's limit of 50"));
		assertThat(event.getRefusal()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "=SUM(A1)", "+1", "-b", "@a", "\tb" })
	void leavesOutATagStartingWithAFormulaCharacter(String tag) {
		UmamiEvent event = tagged(tag);
		assertThat(event.getTag()).isNull();
		assertThat(event.getAdjustments()).singleElement()
			.satisfies((adjustment) -> assertThat(adjustment.description())
				.startsWith("left out: starts with a character Umami refuses there")
				.doesNotContain(tag));
	}

	@Test
	void leavesOutATagThatIsNoText() {
		UmamiEvent event = tagged(new Object());
		assertThat(event.getTag()).isNull();
		assertThat(event.getAdjustments())
			.containsExactly(new UmamiAdjustment("tag", "left out: a java.lang.Object, not a text"));
	}

	@Test
	void setsRevenueOfEveryNumberTypeAndOfDecimalText() {
		assertThat(revenue(new BigDecimal("19.90"), "EUR").getData()).containsEntry("revenue", new BigDecimal("19.90"));
		assertThat(revenue(19.99, "EUR").getData().get("revenue")).hasToString("19.99");
		assertThat(revenue(19.99f, "EUR").getData().get("revenue")).hasToString("19.99");
		assertThat(revenue(20, "EUR").getData().get("revenue")).hasToString("20");
		assertThat(revenue(20L, "EUR").getData().get("revenue")).hasToString("20");
		assertThat(revenue(new BigInteger("20"), "EUR").getData().get("revenue")).hasToString("20");
		assertThat(revenue(new AtomicLong(20), "EUR").getData().get("revenue")).hasToString("20");
		assertThat(revenue(" 12.50 ", "EUR").getData().get("revenue")).hasToString("12.50");
	}

	@Test
	void setsTheCurrencyOfACurrencyOrOfItsCodeInAnyCase() {
		assertThat(revenue(BigDecimal.TEN, Currency.getInstance("JPY")).getData()).containsEntry("currency", "JPY");
		assertThat(revenue(BigDecimal.TEN, "eur").getData()).containsEntry("currency", "EUR");
	}

	@Test
	void roundsAnAmountWithMoreThanFourDecimals() {
		UmamiEvent event = revenue(0.123456, "usd");
		assertThat(event.getData()).containsExactly(Map.entry("revenue", new BigDecimal("0.1235")),
				Map.entry("currency", "USD"));
		assertThat(event.getAdjustments()).extracting(UmamiAdjustment::field).containsExactly("revenue");
	}

	@Test
	void setsNoRevenueWhenTheAmountIsNull() {
		UmamiEvent event = revenue(null, "EUR");
		assertThat(event.getData()).isEmpty();
		assertThat(event.getAdjustments()).isEmpty();
	}

	@Test
	void leavesOutRevenueAndCurrencyWhenTheAmountIsNotAboveZero() {
		UmamiEvent event = revenue(new BigDecimal("-5"), "EUR");
		assertThat(event.getData()).isEmpty();
		assertThat(event.getAdjustments()).containsExactly(new UmamiAdjustment("revenue",
				"left out, and the currency with it: not above zero (after rounding to 4 decimals), and Umami"
						+ " records revenue above zero"));
		assertThat(revenue(0.00001, "EUR").getData()).isEmpty();
	}

	@Test
	void leavesOutRevenueThatIsNoNumber() {
		for (Object amount : new Object[] { "free", Double.NaN, Double.POSITIVE_INFINITY, new Object() }) {
			UmamiEvent event = revenue(amount, "EUR");
			assertThat(event.getData()).as(String.valueOf(amount)).isEmpty();
			assertThat(event.getAdjustments()).singleElement()
				.satisfies((adjustment) -> assertThat(adjustment.description())
					.startsWith("left out, and the currency with it: a " + amount.getClass().getName()));
		}
	}

	@Test
	void leavesOutRevenueUmamisColumnCannotHold() {
		UmamiEvent event = revenue(1e15, "EUR");
		assertThat(event.getData()).isEmpty();
		assertThat(event.getAdjustments()).singleElement()
			.satisfies((adjustment) -> assertThat(adjustment.description()).contains("not below 10^15"));
	}

	@Test
	void leavesOutRevenueAndCurrencyWhenTheCurrencyIsNoIsoCode() {
		for (Object currency : new Object[] { "EURO", "€", 978 }) {
			UmamiEvent event = revenue(BigDecimal.TEN, currency);
			assertThat(event.getData()).isEmpty();
			assertThat(event.getAdjustments()).containsExactly(new UmamiAdjustment("currency",
					"left out, and the revenue with it: not an ISO 4217 currency code, such as EUR or USD"));
		}
	}

	@Test
	void leavesOutRevenueWithoutCurrency() {
		UmamiEvent event = revenue(BigDecimal.TEN, null);
		assertThat(event.getData()).isEmpty();
		assertThat(event.getAdjustments()).containsExactly(new UmamiAdjustment("currency",
				"left out, and the revenue with it: missing, and Umami records revenue only with its currency"));
	}

	@Test
	void keepsTheDataWhenRevenueIsLeftOut() {
		UmamiEventBuilder builder = UmamiEvent.event("checkout").data("plan", "pro");
		RuntimeEventValues.revenue(builder, "free", "EUR");
		assertThat(builder.build().getData()).containsExactly(Map.entry("plan", "pro"));
	}

	@Test
	void replacesWhatWasRecordedForTheSameField() {
		UmamiEventBuilder builder = UmamiEvent.event("checkout");
		RuntimeEventValues.tag(builder, "t".repeat(51));
		RuntimeEventValues.revenue(builder, "free", "EUR");
		RuntimeEventValues.tag(builder, "b");
		UmamiEvent event = builder.build();
		assertThat(event.getTag()).isEqualTo("b");
		assertThat(event.getAdjustments()).extracting(UmamiAdjustment::field).containsExactly("revenue");
	}

	private static UmamiEvent tagged(Object tag) {
		UmamiEventBuilder builder = UmamiEvent.event("checkout");
		RuntimeEventValues.tag(builder, tag);
		return builder.build();
	}

	private static UmamiEvent revenue(Object amount, Object currency) {
		UmamiEventBuilder builder = UmamiEvent.event("checkout");
		RuntimeEventValues.revenue(builder, amount, currency);
		return builder.build();
	}

	enum Variant {

		A, B

	}

}
