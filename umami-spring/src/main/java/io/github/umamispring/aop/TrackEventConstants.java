package io.github.umamispring.aop;

import java.lang.reflect.Method;
import java.math.BigDecimal;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiEventBuilder;
import io.github.umamispring.annotation.TrackEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.Literal;
import org.springframework.expression.spel.ast.OpMinus;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.StringUtils;

/**
 * Checks the constants of a {@link TrackEvent @TrackEvent}'s {@code tag}, {@code revenue}
 * and {@code currency} (expressions such as {@code "'spring-sale'"}, {@code "9.90"} or
 * {@code "'EUR'"}) at startup, as values fixed in code: one Umami would refuse would fail
 * every event, where a value of a call that breaks Umami's rules costs that value only.
 *
 * @author umami-spring-boot contributors
 */
final class TrackEventConstants {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	/**
	 * Stands in for a revenue or currency that is no constant, to check the other one.
	 */
	private static final String ANY_CURRENCY = "EUR";

	private TrackEventConstants() {
	}

	/**
	 * Check the constants of an annotation whose expressions parse.
	 * @param method the annotated method
	 * @param name the event name, one Umami accepts
	 * @param annotation the annotation
	 * @throws IllegalStateException naming the method and what Umami refuses
	 */
	static void check(Method method, String name, TrackEvent annotation) {
		Object tag = constant(annotation.tag());
		Object revenue = constant(annotation.revenue());
		Object currency = constant(annotation.currency());
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
	 * @param expression the expression, which parses
	 * @return its value, or {@code null} when it is empty or no literal
	 */
	private static @Nullable Object constant(String expression) {
		if (!StringUtils.hasText(expression)) {
			return null;
		}
		SpelExpression parsed = PARSER.parseRaw(expression);
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
