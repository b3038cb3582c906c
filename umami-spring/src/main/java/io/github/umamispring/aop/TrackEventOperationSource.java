package io.github.umamispring.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.annotation.TrackEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.AnnotatedElementKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds the {@link TrackEvent @TrackEvent} of a method, on the most specific method of
 * the target class or on the invoked one, and caches what it found (or that there is
 * none) per method and target class.
 *
 * @author umami-spring-boot contributors
 */
final class TrackEventOperationSource {

	private static final Optional<TrackEventOperation> NOT_ANNOTATED = Optional.empty();

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private final Map<AnnotatedElementKey, Optional<TrackEventOperation>> operations = new ConcurrentHashMap<>(64);

	@Nullable TrackEventOperation getOperation(Method method, Class<?> targetClass) {
		AnnotatedElementKey key = new AnnotatedElementKey(method, targetClass);
		Optional<TrackEventOperation> operation = this.operations.get(key);
		if (operation == null) {
			operation = this.operations.computeIfAbsent(key, (k) -> findOperation(method, targetClass, k));
		}
		return operation.orElse(null);
	}

	private static Optional<TrackEventOperation> findOperation(Method method, Class<?> targetClass,
			AnnotatedElementKey key) {
		Method targetMethod = AopUtils.getMostSpecificMethod(method, targetClass);
		TrackEvent annotation = AnnotatedElementUtils.findMergedAnnotation(targetMethod, TrackEvent.class);
		if (annotation == null && targetMethod != method) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method, TrackEvent.class);
		}
		if (annotation == null) {
			return NOT_ANNOTATED;
		}
		String name = eventName(method, annotation);
		return Optional.of(new TrackEventOperation(name, annotation.data(), annotation.condition(), annotation.tag(),
				annotation.revenue(), annotation.currency(), key, targetMethod, ClassUtils.getUserClass(targetClass)));
	}

	/**
	 * Check what a {@link TrackEvent @TrackEvent} fixes in code: the event name must be
	 * one Umami accepts, its expressions must parse, revenue must come with a currency,
	 * and a constant tag, revenue or currency must be one Umami accepts.
	 * @param method the annotated method
	 * @param annotation its (merged) annotation
	 * @throws IllegalStateException saying which method and what is wrong
	 */
	static void check(Method method, TrackEvent annotation) {
		String name = eventName(method, annotation);
		try {
			UmamiEvent.event(name).build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("@TrackEvent on " + method.toGenericString()
					+ " names an event that Umami refuses: " + ex.getMessage(), ex);
		}
		checkExpression(method, "data", annotation.data());
		checkExpression(method, "condition", annotation.condition());
		Expression tag = checkExpression(method, "tag", annotation.tag());
		Expression revenue = checkExpression(method, "revenue", annotation.revenue());
		Expression currency = checkExpression(method, "currency", annotation.currency());
		if ((revenue != null) != (currency != null)) {
			throw new IllegalStateException("@TrackEvent on " + method.toGenericString() + " sets "
					+ ((revenue != null) ? "a revenue without a currency" : "a currency without a revenue")
					+ ": Umami records revenue only with its currency; set both, such as revenue = \"#result.total\","
					+ " currency = \"#result.currency\" (or \"'EUR'\")");
		}
		TrackEventConstants.check(method, name, tag, revenue, currency);
	}

	/**
	 * Return the name of the event a method records: the annotation's, else the method's.
	 */
	private static String eventName(Method method, TrackEvent annotation) {
		return StringUtils.hasText(annotation.name()) ? annotation.name() : method.getName();
	}

	private static @Nullable Expression checkExpression(Method method, String attribute, String expression) {
		if (StringUtils.hasText(expression)) {
			try {
				return PARSER.parseExpression(expression);
			}
			catch (ParseException | IllegalArgumentException ex) {
				// SpEL refuses some malformed input with IllegalArgumentException
				throw new IllegalStateException("@TrackEvent on " + method.toGenericString() + " has a " + attribute
						+ " expression that does not parse: '" + expression + "': " + ex.getMessage(), ex);
			}
		}
		return null;
	}

	/**
	 * A {@link TrackEvent @TrackEvent} as found on one method.
	 */
	record TrackEventOperation(String name, String data, String condition, String tag, String revenue, String currency,
			AnnotatedElementKey key, Method targetMethod, Class<?> targetClass) {

		boolean hasExpressions() {
			return StringUtils.hasText(this.data) || StringUtils.hasText(this.condition)
					|| StringUtils.hasText(this.tag) || StringUtils.hasText(this.revenue);
		}

	}

}
