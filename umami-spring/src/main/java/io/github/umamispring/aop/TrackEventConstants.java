package io.github.umamispring.aop;

import java.lang.reflect.Method;
import java.math.BigDecimal;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiEventBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.Expression;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.Literal;
import org.springframework.expression.spel.ast.OpMinus;
import org.springframework.expression.spel.standard.SpelExpression;

/**
 * Checks the constants of a
 * {@link io.github.umamispring.annotation.TrackEvent @TrackEvent}'s {@code tag},
 * {@code revenue} and {@code currency} (expressions such as {@code "'spring-sale'"},
 * {@code "9.90"} or {@code "'EUR'"}) at startup, as values fixed in code: one Umami would
 * refuse would fail every event, where a value of a call that breaks Umami's rules costs
 * that value only.
 *
 * @author umami-spring-boot contributors
 */
final class TrackEventConstants {

	/**
	 * Stands in for a revenue or currency that is no constant, to check the other one.
	 */
	private static final String ANY_CURRENCY = "EUR";

	private TrackEventConstants() {
	}

	/**
	 * Check the constants among an annotation's tag, revenue and currency.
	 * @param method the annotated method
	 * @param name the event name, one Umami accepts
	 * @param tagExpression the parsed tag expression, or {@code null} for none
	 * @param revenueExpression the parsed revenue expression, or {@code null} for none
	 * @param currencyExpression the parsed currency expression, or {@code null} for none
	 * @throws IllegalStateException naming the method and what Umami refuses
	 */
	static void check(Method method, String name, @Nullable Expression tagExpression,
			@Nullable Expression revenueExpression, @Nullable Expression currencyExpression) {
		Object tag = constant(tagExpression);
		Object revenue = constant(revenueExpression);
		Object currency = constant(currencyExpression);
		if (tag == null && revenue == null && currency == null) {
			return;
		}
		UmamiEventBuilder event = UmamiEvent.event(name);
		if (tag != null) {
			event.tag(tag.toString());
		}
		if (revenue != null || currency != null) {
			BigDecimal amount = (revenue != null) ? decimal(method, revenue) : BigDecimal.ONE;
			event.revenue(amount, (currency != null) ? currency.toString() : ANY_CURRENCY);
		}
		try {
			event.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"@TrackEvent on " + method.toGenericString() + " has a constant Umami refuses: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Return the value of an expression that is a literal, such as {@code 'EUR'} or
	 * {@code -5}.
	 * @param expression the parsed expression, or {@code null}
	 * @return its value, or {@code null} when there is none or it is no literal
	 */
	private static @Nullable Object constant(@Nullable Expression expression) {
		if (!(expression instanceof SpelExpression parsed)) {
			return null;
		}
		SpelNode node = parsed.getAST();
		boolean literal = node instanceof Literal
				|| (node instanceof OpMinus && node.getChildCount() == 1 && node.getChild(0) instanceof Literal);
		return (literal) ? parsed.getValue() : null;
	}

	private static BigDecimal decimal(Method method, Object revenue) {
		try {
			return new BigDecimal(revenue.toString());
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("@TrackEvent on " + method.toGenericString()
					+ " has a revenue constant that is no number: '" + revenue + "'", ex);
		}
	}

}
