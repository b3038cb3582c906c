package io.github.umamispring;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link UmamiEventRevenue}: revenue set in code with
 * {@link UmamiEventBuilder#revenue(BigDecimal, String)}.
 */
class UmamiEventRevenueTests {

	@Test
	void sendsRevenueAsDataAheadOfTheOtherProperties() {
		UmamiEvent event = UmamiEvent.event("checkout")
			.data("plan", "pro")
			.revenue(new BigDecimal("19.99"), "EUR")
			.build();
		assertThat(event.getData()).containsExactly(Map.entry("revenue", new BigDecimal("19.99")),
				Map.entry("currency", "EUR"), Map.entry("plan", "pro"));
		assertThat(event.getAdjustments()).isEmpty();
	}

	@Test
	void replacesDataPropertiesOfTheSameName() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("currency", "usd");
		data.put("revenue", "free");
		data.put("plan", "pro");
		UmamiEvent event = UmamiEvent.event("checkout").data(data).revenue(new BigDecimal("5"), "EUR").build();
		assertThat(event.getData()).containsExactly(Map.entry("revenue", new BigDecimal("5")),
				Map.entry("currency", "EUR"), Map.entry("plan", "pro"));
	}

	@Test
	void sendsTheCurrencyInUpperCase() {
		assertThat(UmamiEvent.event("checkout").revenue(BigDecimal.TEN, " chf ").build().getData())
			.containsEntry("currency", "CHF");
	}

	@Test
	void roundsAnAmountWithMoreThanFourDecimalsHalfUpAndRecordsIt() {
		UmamiEvent event = UmamiEvent.event("checkout").revenue(new BigDecimal("19.99995"), "EUR").build();
		assertThat(event.getData()).containsEntry("revenue", new BigDecimal("20"));
		assertThat(event.getAdjustments()).containsExactly(
				new UmamiAdjustment("revenue", "rounded to 4 decimals, as Umami stores revenue (it had 5)"));
	}

	@Test
	void sendsTrailingZerosPastFourDecimalsWithoutAnAdjustment() {
		UmamiEvent event = UmamiEvent.event("checkout").revenue(new BigDecimal("19.990000"), "EUR").build();
		assertThat(event.getData().get("revenue")).hasToString("19.99");
		assertThat(event.getAdjustments()).isEmpty();
	}

	@Test
	void sendsAnAmountInExponentFormAsAPlainNumber() {
		UmamiEvent event = UmamiEvent.event("checkout").revenue(new BigDecimal("1E+3"), "EUR").build();
		assertThat(event.getData().get("revenue")).hasToString("1000");
	}

	@Test
	void keepsTheRevenueInACopy() {
		UmamiEvent event = UmamiEvent.event("checkout").revenue(new BigDecimal("9.90"), "EUR").build();
		UmamiEvent copy = event.toBuilder().data("plan", "pro").build();
		assertThat(copy.getData()).containsExactly(Map.entry("revenue", new BigDecimal("9.90")),
				Map.entry("currency", "EUR"), Map.entry("plan", "pro"));
	}

	@Test
	void revenueOfNullRemovesIt() {
		UmamiEvent event = UmamiEvent.event("checkout").revenue(BigDecimal.TEN, "EUR").revenue(null, null).build();
		assertThat(event.getData()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "-5", "0", "0.00004" })
	void refusesAnAmountThatIsNotAboveZero(String amount) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UmamiEvent.event("checkout").revenue(new BigDecimal(amount), "EUR").build())
			.withMessage("Revenue " + amount + " is not above zero (after rounding to 4 decimals), and Umami records"
					+ " revenue above zero");
	}

	@Test
	void refusesAnAmountUmamisColumnCannotHold() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UmamiEvent.event("checkout").revenue(new BigDecimal("1E+15"), "EUR").build())
			.withMessage("Revenue 1000000000000000 is not below 10^15, the most Umami's revenue column"
					+ " numeric(19,4) holds");
	}

	@ParameterizedTest
	@ValueSource(strings = { "EURO", "XYZ", "€", "", "E1R" })
	void refusesACurrencyThatIsNoIsoCode(String currency) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UmamiEvent.event("checkout").revenue(BigDecimal.TEN, currency).build())
			.withMessage("Currency '" + currency + "' is not an ISO 4217 currency code, such as EUR or USD");
	}

	@Test
	void refusesAnAmountWithoutCurrencyAndACurrencyWithoutAmount() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UmamiEvent.event("checkout").revenue(BigDecimal.TEN, null).build())
			.withMessage("Revenue needs both an amount and a currency: Umami records revenue only with its currency");
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiEvent.event("checkout").revenue(null, "EUR").build())
			.withMessageStartingWith("Revenue needs both an amount and a currency");
	}

	@Test
	void refusesRevenueOfAPageviewOrAnIdentifyCall() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UmamiEvent.pageview("/checkout").revenue(BigDecimal.TEN, "EUR").build())
			.withMessage("Revenue belongs to a custom event; Umami records none for a pageview");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UmamiEvent.identify("user-42").revenue(BigDecimal.TEN, "EUR").build())
			.withMessage("Revenue belongs to a custom event; Umami records none for an identify call");
	}

	@Test
	void trackerConvenienceAnswersRevenueItCannotSendWithItsRefusal() {
		UmamiEventBuilder builder = UmamiEvent.event("checkout").revenue(new BigDecimal("-5"), "EUR");
		UmamiEvent refused = UmamiEventLimits.buildOrRefuse(builder);
		assertThat(refused.getRefusal()).startsWith("Revenue -5 is not above zero");
		assertThat(refused.getData()).isEmpty();
	}

}
