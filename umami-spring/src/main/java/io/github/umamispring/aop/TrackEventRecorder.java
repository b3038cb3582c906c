package io.github.umamispring.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.umamispring.UmamiAdjustment;
import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiEventBuilder;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.aop.TrackEventOperationSource.TrackEventOperation;
import io.github.umamispring.aop.TrackEventTransactions.PendingEvent;
import io.github.umamispring.internal.LeftOutData;
import io.github.umamispring.internal.RepeatedProblemLog;
import io.github.umamispring.internal.RuntimeEventValues;
import io.github.umamispring.web.CapturedVisitor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.log.LogMessage;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Records the event of a {@link io.github.umamispring.annotation.TrackEvent @TrackEvent}
 * call that succeeded: evaluates the condition, the data, the tag and the revenue, builds
 * the event as the visitor (a tag or revenue Umami would refuse left out, as run-time
 * values, see {@link RuntimeEventValues}) and hands it to the tracker, or, inside a
 * transaction, once the transaction committed (see {@link TrackEventTransactions}).
 * <p>
 * Never throws anything but {@link OutOfMemoryError}: a failure of an expression, of the
 * event's building, of a value's methods or of the tracker ({@link StackOverflowError}
 * included) costs the event only. It is counted, and logged at WARN with the method's
 * name once per method and cause within {@link RepeatedProblemLog#DEFAULT_INTERVAL}, at
 * DEBUG in between, without any value.
 *
 * @author umami-spring-boot contributors
 */
final class TrackEventRecorder {

	private static final boolean TRANSACTIONS_PRESENT = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			TrackEventRecorder.class.getClassLoader());

	private final Supplier<UmamiTracker> tracker;

	private final @Nullable BeanFactory beanFactory;

	private final Log logger;

	private final RepeatedProblemLog problemLog;

	private final TrackEventExpressionEvaluator evaluator = new TrackEventExpressionEvaluator();

	private final AtomicLong failures = new AtomicLong();

	TrackEventRecorder(Supplier<UmamiTracker> tracker, @Nullable BeanFactory beanFactory, Log logger,
			RepeatedProblemLog problemLog) {
		this.tracker = tracker;
		this.beanFactory = beanFactory;
		this.logger = logger;
		this.problemLog = problemLog;
	}

	long getFailureCount() {
		return this.failures.get();
	}

	/**
	 * Return the event of a call that succeeded now, held back until the current
	 * transaction commits, or {@code null} outside a transaction.
	 * @param context the Reactor context of a call returning a publisher, else
	 * {@code null}
	 * @param operation the operation
	 * @return the pending event or {@code null}
	 */
	@Nullable PendingEvent pendingEvent(@Nullable ContextView context, TrackEventOperation operation) {
		if (!TRANSACTIONS_PRESENT) {
			return null;
		}
		try {
			return TrackEventTransactions.pendingEvent(context, this, operation);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			fail(operation, null, ex);
			return null;
		}
	}

	/**
	 * Record the event of a call that succeeded.
	 * @param operation the operation
	 * @param invocation the call
	 * @param target the target object, or {@code null}
	 * @param result the result
	 * @param resultAvailable whether there is a result ({@code false} for a {@code Flux})
	 * @param visitor the visitor, or {@code null} for none
	 * @param pending where the event waits for the commit of the call's transaction, or
	 * {@code null} to hand it over at once
	 */
	void record(TrackEventOperation operation, MethodInvocation invocation, @Nullable Object target,
			@Nullable Object result, boolean resultAvailable, @Nullable CapturedVisitor visitor,
			@Nullable PendingEvent pending) {
		String expression = null;
		try {
			CapturedVisitor captured = (visitor != null) ? visitor : CapturedVisitor.NO_REQUEST;
			if (!captured.isTracked()) {
				if (this.logger.isTraceEnabled()) {
					this.logger.trace(LogMessage.format("Not recording event '%s': %s", operation.name(),
							captured.getNotTrackedReason()));
				}
				return;
			}
			EvaluationContext context = null;
			if (operation.hasExpressions()) {
				Method method = invocation.getMethod();
				context = this.evaluator.createContext(method, invocation.getArguments(),
						(target != null) ? target : method.getDeclaringClass(), operation.targetClass(),
						operation.targetMethod(), result, resultAvailable, this.beanFactory);
			}
			if (context != null && StringUtils.hasText(operation.condition())) {
				expression = operation.condition();
				if (!this.evaluator.condition(expression, operation.key(), context)) {
					return;
				}
			}
			UmamiEventBuilder builder = UmamiEvent.event(operation.name());
			if (context != null && StringUtils.hasText(operation.data())) {
				expression = operation.data();
				builder.data(toData(this.evaluator.data(expression, operation.key(), context)));
			}
			if (context != null && StringUtils.hasText(operation.tag())) {
				expression = operation.tag();
				RuntimeEventValues.tag(builder, this.evaluator.value(expression, operation.key(), context));
			}
			if (context != null && StringUtils.hasText(operation.revenue())) {
				expression = operation.revenue();
				Object amount = this.evaluator.value(expression, operation.key(), context);
				Object currency = null;
				// the currency of a call without revenue may not even be known
				if (amount != null) {
					expression = operation.currency();
					currency = this.evaluator.value(expression, operation.key(), context);
				}
				RuntimeEventValues.revenue(builder, amount, currency);
			}
			expression = null;
			UmamiEvent event = captured.applyTo(builder).build();
			warnOfLeftOutData(operation, event);
			if (pending != null) {
				pending.offer(event);
			}
			else {
				track(operation, event);
			}
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			fail(operation, expression, ex);
		}
	}

	/**
	 * Hand an event to the tracker.
	 * @param operation the operation that made it
	 * @param event the event
	 */
	void track(TrackEventOperation operation, UmamiEvent event) {
		try {
			this.tracker.get().track(event);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			fail(operation, null, ex);
		}
	}

	/**
	 * Count and log a failure that cost an event.
	 * @param operation the operation
	 * @param expression the expression that failed, or {@code null} when something else
	 * failed
	 * @param ex the failure
	 */
	void fail(TrackEventOperation operation, @Nullable String expression, Throwable ex) {
		this.failures.incrementAndGet();
		String method = operation.targetMethod().toGenericString();
		// the message of an exception thrown by application code may quote a value
		String cause = (ex instanceof EvaluationException || ex instanceof IllegalArgumentException) ? ex.getMessage()
				: "failed with " + ex.getClass().getName();
		if (expression != null) {
			this.problemLog.warn("expression:" + operation.key() + ":" + expression, () -> "@TrackEvent expression '"
					+ expression + "' on " + method + " could not be evaluated; no event recorded: " + cause, null);
		}
		else {
			this.problemLog.warn("event:" + operation.key() + ":" + ex.getClass().getName(),
					() -> "@TrackEvent on " + method + " could not record its event: " + cause, null);
		}
		if (this.logger.isDebugEnabled()) {
			this.logger.debug(LogMessage.format("@TrackEvent failure on %s", method), ex);
		}
	}

	private void warnOfLeftOutData(TrackEventOperation operation, UmamiEvent event) {
		for (UmamiAdjustment adjustment : event.getAdjustments()) {
			String path = LeftOutData.path(adjustment);
			if (path != null) {
				this.problemLog.warn("left-out:" + operation.key() + ":" + path,
						() -> "@TrackEvent on " + operation.targetMethod().toGenericString() + " records its event "
								+ "without a data property: " + adjustment.description()
								+ "; name what to send in the data expression, such as {plan: #result.plan}",
						null);
			}
		}
	}

	private static @Nullable Map<String, ?> toData(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException(
					"data must evaluate to a Map, but evaluated to " + value.getClass().getName());
		}
		@SuppressWarnings("unchecked")
		Map<String, ?> data = (Map<String, ?>) map;
		return data;
	}

}
