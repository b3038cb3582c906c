package io.github.umamispring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Umami's revenue: the data properties {@code revenue} and {@code currency} of a custom
 * event. Umami 3 records them in its {@code revenue} table, as {@code numeric(19,4)} and
 * {@code varchar(10)}, when the revenue is above zero and a currency is set (and keeps
 * them as plain event data otherwise); its reports compare currencies in upper case.
 * <p>
 * An amount and a currency set in code are checked by {@link #refusal(UmamiEventBuilder)}
 * and refused when they break a rule; values known only at run time are checked by
 * {@link #runtimeRevenue(UmamiEventBuilder, Object, Object)}, which leaves them out
 * instead, recording why. Either way the amount is rounded to four decimals when built.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventRevenue {

	/**
	 * Data property Umami reads the amount from.
	 */
	static final String REVENUE = "revenue";

	/**
	 * Data property Umami reads the currency from.
	 */
	static final String CURRENCY = "currency";

	/**
	 * Decimals Umami stores of an amount.
	 */
	private static final int SCALE = 4;

	/**
	 * Umami's {@code numeric(19,4)}: 15 digits before the point.
	 */
	private static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(15);

	private UmamiEventRevenue() {
	}

	/**
	 * Return why the revenue a builder holds, set in code, cannot be sent.
	 * @param event the builder
	 * @return the reason, quoting the values, or {@code null} when there is no revenue or
	 * it can be sent
	 */
	static @Nullable String refusal(UmamiEventBuilder event) {
		if (event.revenue == null && event.currency == null) {
			return null;
		}
		if (event.kind != UmamiEvent.Kind.EVENT) {
			return "Revenue belongs to a custom event; Umami records none for "
					+ ((event.kind == UmamiEvent.Kind.PAGEVIEW) ? "a pageview" : "an identify call");
		}
		if (event.revenue == null || event.currency == null) {
			return "Revenue needs both an amount and a currency: Umami records revenue only with its currency";
		}
		String problem = amountProblem(rounded(event.revenue));
		if (problem != null) {
			return "Revenue " + event.revenue.toPlainString() + " is " + problem;
		}
		if (currencyCode(event.currency) == null) {
			String currency = event.currency;
			return "Currency '" + ((currency.length() <= 20) ? currency : currency.substring(0, 17) + "...")
					+ "' is not an ISO 4217 currency code, such as EUR or USD";
		}
		return null;
	}

	/**
	 * Set the revenue of a builder from values known only at run time, leaving both out,
	 * with an adjustment saying why, when either cannot be sent.
	 * @param event the builder
	 * @param amount a {@link Number} or a {@link CharSequence} holding a decimal number,
	 * or {@code null} for no revenue
	 * @param currency a {@link Currency} or a {@link CharSequence} holding an ISO 4217
	 * code, in any case
	 * @return what was left out, empty when the revenue was set or there is none
	 */
	static List<UmamiAdjustment> runtimeRevenue(UmamiEventBuilder event, @Nullable Object amount,
			@Nullable Object currency) {
		event.revenue = null;
		event.currency = null;
		if (amount == null) {
			return List.of();
		}
		BigDecimal decimal = decimal(amount);
		if (decimal == null) {
			return leftOut(REVENUE, "a " + amount.getClass().getName() + " that holds no number");
		}
		String problem = amountProblem(rounded(decimal));
		if (problem != null) {
			return leftOut(REVENUE, problem);
		}
		String code = (currency instanceof Currency value) ? value.getCurrencyCode()
				: (currency instanceof CharSequence text) ? currencyCode(text.toString()) : null;
		if (code == null) {
			return leftOut(CURRENCY, (currency != null) ? "not an ISO 4217 currency code, such as EUR or USD"
					: "missing, and Umami records revenue only with its currency");
		}
		event.revenue = decimal;
		event.currency = code;
		return List.of();
	}

	/**
	 * Put the revenue a builder holds ahead of its data, rounded to four decimals.
	 * @param event the builder, a copy made for the event being built
	 * @param adjustments receives the rounding
	 */
	static void fit(UmamiEventBuilder event, List<UmamiAdjustment> adjustments) {
		BigDecimal amount = event.revenue;
		String currency = (event.currency != null) ? currencyCode(event.currency) : null;
		// Cleared first: an event refused for its currency or amount is never sent, but
		// keeps no revenue Umami could not store
		event.revenue = null;
		event.currency = null;
		if (amount == null || currency == null) {
			return;
		}
		BigDecimal rounded = rounded(amount);
		if (amountProblem(rounded) != null) {
			return;
		}
		if (rounded.compareTo(amount) != 0) {
			adjustments.add(new UmamiAdjustment(REVENUE,
					"rounded to " + SCALE + " decimals, as Umami stores revenue (it had " + amount.scale() + ")"));
		}
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put(REVENUE, rounded);
		data.put(CURRENCY, currency);
		event.data.forEach((key, value) -> data.putIfAbsent(key, value));
		event.data = Collections.unmodifiableMap(data);
	}

	/**
	 * Return an amount as sent: at most four decimals (half up, as Umami's column
	 * rounds), without trailing zeros past those given, never in exponent form.
	 */
	private static BigDecimal rounded(BigDecimal amount) {
		if (amount.scale() < 0) {
			return amount.setScale(0);
		}
		if (amount.scale() <= SCALE) {
			return amount;
		}
		BigDecimal rounded = amount.setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
		return (rounded.scale() < 0) ? rounded.setScale(0) : rounded;
	}

	private static @Nullable String amountProblem(BigDecimal rounded) {
		if (rounded.signum() <= 0) {
			return "not above zero (after rounding to " + SCALE + " decimals), and Umami records revenue above zero";
		}
		if (rounded.compareTo(MAX_AMOUNT) >= 0) {
			return "not below 10^15, the most Umami's revenue column numeric(19,4) holds";
		}
		return null;
	}

	private static @Nullable BigDecimal decimal(Object amount) {
		try {
			if (amount instanceof BigDecimal decimal) {
				return decimal;
			}
			if (amount instanceof BigInteger integer) {
				return new BigDecimal(integer);
			}
			if (amount instanceof Double || amount instanceof Float) {
				double value = ((Number) amount).doubleValue();
				// Float.toString gives the digits written, where the double has more
				return !Double.isFinite(value) ? null
						: (amount instanceof Float) ? new BigDecimal(amount.toString()) : BigDecimal.valueOf(value);
			}
			if (amount instanceof Number || amount instanceof CharSequence) {
				return new BigDecimal(amount.toString().trim());
			}
		}
		catch (NumberFormatException ex) {
			// not a number
		}
		return null;
	}

	/**
	 * Return a currency as sent: its ISO 4217 code in upper case.
	 * @param currency the currency, in any case
	 * @return the code, or {@code null} when it is not one known to {@link Currency}
	 */
	static @Nullable String currencyCode(String currency) {
		String code = currency.trim().toUpperCase(Locale.ROOT);
		if (code.length() != 3 || !code.chars().allMatch((ch) -> ch >= 'A' && ch <= 'Z')) {
			return null;
		}
		try {
			return Currency.getInstance(code).getCurrencyCode();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static List<UmamiAdjustment> leftOut(String field, String reason) {
		String other = REVENUE.equals(field) ? CURRENCY : REVENUE;
		return List.of(new UmamiAdjustment(field, "left out, and the " + other + " with it: " + reason));
	}

}
