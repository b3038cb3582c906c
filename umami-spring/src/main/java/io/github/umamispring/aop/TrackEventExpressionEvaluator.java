package io.github.umamispring.aop;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.AnnotatedElementKey;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.CachedExpressionEvaluator;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.KotlinDetector;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Evaluates the SpEL expressions of
 * {@link io.github.umamispring.annotation.TrackEvent @TrackEvent}, parsing each one once
 * per method.
 *
 * @author umami-spring-boot contributors
 */
class TrackEventExpressionEvaluator extends CachedExpressionEvaluator {

	/**
	 * Name of the variable holding the method's result.
	 */
	static final String RESULT_VARIABLE = "result";

	private final Map<ExpressionKey, Expression> conditionCache = new ConcurrentHashMap<>(64);

	private final Map<ExpressionKey, Expression> dataCache = new ConcurrentHashMap<>(64);

	private final Map<ExpressionKey, Expression> valueCache = new ConcurrentHashMap<>(64);

	TrackEventExpressionEvaluator() {
	}

	TrackEventExpressionEvaluator(SpelExpressionParser parser) {
		super(parser);
	}

	/**
	 * Create the evaluation context of one call.
	 * @param method the method called
	 * @param args the arguments
	 * @param target the target object
	 * @param targetClass the target class
	 * @param targetMethod the most specific method (on the target class)
	 * @param result the result, the value of an {@code Optional} ({@code null} when
	 * empty), as for {@code @Cacheable}
	 * @param resultAvailable whether a result exists ({@code false} for a {@code Flux})
	 * @param beanFactory the bean factory to resolve {@code @bean} references, or
	 * {@code null}
	 * @return the context
	 */
	EvaluationContext createContext(Method method, @Nullable Object[] args, Object target, Class<?> targetClass,
			Method targetMethod, @Nullable Object result, boolean resultAvailable, @Nullable BeanFactory beanFactory) {
		// as MethodBasedEvaluationContext does for #p0: a suspending function's arguments
		// end with the continuation, which is no argument of the caller's
		@Nullable Object[] rootArgs = (KotlinDetector.isSuspendingFunction(method) && args.length > 0)
				? Arrays.copyOf(args, args.length - 1) : args;
		TrackEventRootObject root = new TrackEventRootObject(method, rootArgs, target, targetClass);
		TrackEventEvaluationContext context = new TrackEventEvaluationContext(root, targetMethod, args,
				getParameterNameDiscoverer(), resultAvailable);
		if (resultAvailable) {
			context.setVariable(RESULT_VARIABLE,
					(result instanceof Optional<?> optional) ? optional.orElse(null) : result);
		}
		if (beanFactory != null) {
			context.setBeanResolver(new BeanFactoryResolver(beanFactory));
		}
		return context;
	}

	boolean condition(String expression, AnnotatedElementKey methodKey, EvaluationContext context) {
		return Boolean.TRUE
			.equals(getExpression(this.conditionCache, methodKey, expression).getValue(context, Boolean.class));
	}

	@Nullable Object data(String expression, AnnotatedElementKey methodKey, EvaluationContext context) {
		return getExpression(this.dataCache, methodKey, expression).getValue(context);
	}

	/**
	 * Evaluate a {@code tag}, {@code revenue} or {@code currency} expression.
	 * @param expression the expression
	 * @param methodKey the method it annotates
	 * @param context the context of the call
	 * @return the value
	 */
	@Nullable Object value(String expression, AnnotatedElementKey methodKey, EvaluationContext context) {
		return getExpression(this.valueCache, methodKey, expression).getValue(context);
	}

	/**
	 * The root object of the expressions, as {@code #root}.
	 *
	 * @param method the method called
	 * @param args the arguments
	 * @param target the target object
	 * @param targetClass the target class
	 */
	record TrackEventRootObject(Method method, @Nullable Object[] args, Object target, Class<?> targetClass) {

		// SpEL reads record components as properties (#root.method, #root.args, ...)
		public String getMethodName() {
			return this.method.getName();
		}

	}

	/**
	 * Evaluation context that makes {@code #result} an error where there is no result.
	 */
	static final class TrackEventEvaluationContext extends MethodBasedEvaluationContext {

		private final boolean resultAvailable;

		TrackEventEvaluationContext(Object rootObject, Method method, @Nullable Object[] arguments,
				ParameterNameDiscoverer parameterNameDiscoverer, boolean resultAvailable) {
			super(rootObject, method, arguments, parameterNameDiscoverer);
			this.resultAvailable = resultAvailable;
		}

		@Override
		public @Nullable Object lookupVariable(String name) {
			if (!this.resultAvailable && RESULT_VARIABLE.equals(name)) {
				throw new EvaluationException("#result is not available: the method returns a multi-value publisher"
						+ " (such as a Flux), whose event is recorded once on completion without a result");
			}
			return super.lookupVariable(name);
		}

	}

}
