package io.github.umamispring.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.context.expression.AnnotatedElementKey;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.ParseException;
import org.springframework.expression.ParserContext;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TrackEventExpressionEvaluator}.
 */
class TrackEventExpressionEvaluatorTests {

	private final AtomicInteger parses = new AtomicInteger();

	private final TrackEventExpressionEvaluator evaluator = new TrackEventExpressionEvaluator(
			new SpelExpressionParser() {

				@Override
				protected SpelExpression doParseExpression(String expressionString, ParserContext context)
						throws ParseException {
					TrackEventExpressionEvaluatorTests.this.parses.incrementAndGet();
					return super.doParseExpression(expressionString, context);
				}

			});

	private final Method method = ReflectionUtils.findMethod(Sample.class, "order", String.class, int.class);

	private final AnnotatedElementKey key = new AnnotatedElementKey(this.method, Sample.class);

	@Test
	void parsesEachExpressionOncePerMethod() {
		for (int i = 0; i < 5; i++) {
			EvaluationContext context = context("pro", 42, "ok", true);
			assertThat(this.evaluator.condition("#result == 'ok'", this.key, context)).isTrue();
			assertThat(this.evaluator.data("{plan: #plan, amount: #p1, first: #a0}", this.key, context))
				.isEqualTo(Map.of("plan", "pro", "amount", 42, "first", "pro"));
		}
		assertThat(this.parses).hasValue(2);
	}

	@Test
	void exposesRootObject() {
		EvaluationContext context = context("pro", 42, "ok", true);
		assertThat(this.evaluator.data("{name: #root.methodName, target: #root.targetClass.simpleName,"
				+ " args: #root.args.length, method: #root.method.name}", this.key, context))
			.isEqualTo(Map.of("name", "order", "target", "Sample", "args", 2, "method", "order"));
	}

	@Test
	void resultIsAnErrorWhenUnavailable() {
		EvaluationContext context = context("pro", 42, null, false);
		assertThatExceptionOfType(EvaluationException.class)
			.isThrownBy(() -> this.evaluator.data("{size: #result}", this.key, context))
			.withMessageContaining("#result is not available");
		assertThat(this.evaluator.data("{plan: #plan}", this.key, context)).isEqualTo(Map.of("plan", "pro"));
	}

	@Test
	void conditionThatIsNotTrueIsFalse() {
		EvaluationContext context = context("pro", 42, null, true);
		assertThat(this.evaluator.condition("#result", this.key, context)).isFalse();
	}

	private EvaluationContext context(String plan, int amount, Object result, boolean resultAvailable) {
		Sample target = new Sample();
		return this.evaluator.createContext(this.method, new Object[] { plan, amount }, target, Sample.class,
				this.method, result, resultAvailable, null);
	}

	static class Sample {

		String order(String plan, int amount) {
			return "ok";
		}

	}

}
