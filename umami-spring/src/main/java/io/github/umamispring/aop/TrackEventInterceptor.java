package io.github.umamispring.aop;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiEventBuilder;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.aop.TrackEventOperationSource.TrackEventOperation;
import io.github.umamispring.internal.RepeatedProblemLog;
import io.github.umamispring.web.CapturedVisitor;
import io.github.umamispring.web.UmamiReactiveVisitorCapture;
import io.github.umamispring.web.UmamiVisitorCapture;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.log.LogMessage;
import org.springframework.expression.EvaluationContext;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link MethodInterceptor} that records an Umami event when a
 * {@link TrackEvent @TrackEvent} method completes successfully. The moment is decided by
 * the declared return type (see {@link TrackEvent}), a Kotlin suspending function
 * counting as a {@code Mono} (a {@code Flux} when it returns a {@code Flow}); the result
 * is never changed, delayed or failed, and the event is handed to
 * {@link UmamiTracker#track(UmamiEvent)}.
 * <p>
 * An expression that fails is logged once at WARN with the expression and the method,
 * then at DEBUG, and counted ({@link #getFailedEvaluationCount()}).
 *
 * @author umami-spring-boot contributors
 */
public class TrackEventInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(TrackEventInterceptor.class);

	private final Supplier<UmamiTracker> tracker;

	private final Supplier<UmamiVisitorCapture> visitorCapture;

	private final Supplier<UmamiReactiveVisitorCapture> reactiveVisitorCapture;

	private final @Nullable BeanFactory beanFactory;

	private final ReactiveAdapterRegistry reactiveAdapterRegistry = ReactiveAdapterRegistry.getSharedInstance();

	private final TrackEventExpressionEvaluator evaluator = new TrackEventExpressionEvaluator();

	private final TrackEventOperationSource operationSource = new TrackEventOperationSource();

	private final RepeatedProblemLog problemLog = new RepeatedProblemLog(logger);

	private final AtomicLong failedEvaluations = new AtomicLong();

	/**
	 * Create an interceptor.
	 * @param tracker supplies the tracker, called on the first event
	 * @param visitorCapture supplies the capture of the calling thread's visitor, called
	 * on the first event
	 * @param reactiveVisitorCapture supplies the capture of a Reactor context's visitor,
	 * for methods returning a {@code Mono} or a {@code Flux}, called on the first event
	 * @param beanFactory the bean factory for {@code @bean} references in expressions, or
	 * {@code null}
	 */
	public TrackEventInterceptor(Supplier<UmamiTracker> tracker, Supplier<UmamiVisitorCapture> visitorCapture,
			Supplier<UmamiReactiveVisitorCapture> reactiveVisitorCapture, @Nullable BeanFactory beanFactory) {
		Assert.notNull(tracker, "'tracker' must not be null");
		Assert.notNull(visitorCapture, "'visitorCapture' must not be null");
		Assert.notNull(reactiveVisitorCapture, "'reactiveVisitorCapture' must not be null");
		this.tracker = SingletonSupplier.of(tracker);
		this.visitorCapture = SingletonSupplier.of(visitorCapture);
		this.reactiveVisitorCapture = SingletonSupplier.of(reactiveVisitorCapture);
		this.beanFactory = beanFactory;
	}

	/**
	 * Return how many events were not recorded because an expression failed to evaluate
	 * or the event broke one of Umami's limits.
	 * @return the count since startup
	 */
	public long getFailedEvaluationCount() {
		return this.failedEvaluations.get();
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Method method = invocation.getMethod();
		Class<?> targetClass = (target != null) ? AopProxyUtils.ultimateTargetClass(target)
				: method.getDeclaringClass();
		TrackEventOperation operation = this.operationSource.getOperation(method, targetClass);
		if (operation == null) {
			return invocation.proceed();
		}
		CapturedVisitor visitor = captureCurrentVisitor();
		Class<?> suspendingType = SuspendingFunctions.publisherType(method);
		ReactiveAdapter adapter = reactiveAdapter((suspendingType != null) ? suspendingType : method.getReturnType());
		if (adapter != null) {
			Object result = invocation.proceed();
			// a suspending function is a Mono or a Flux inside the advice chain
			boolean trackable = result != null && (suspendingType == null || suspendingType.isInstance(result));
			return trackable ? trackReactive(adapter, result, operation, invocation, target, visitor) : result;
		}
		boolean completionStage = CompletionStage.class.isAssignableFrom(method.getReturnType());
		if (visitor == null) {
			warnIfRequestIsInvisible(operation);
		}
		Object result = invocation.proceed();
		if (completionStage && result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, ex) -> {
				if (ex == null) {
					record(operation, invocation, target, value, true, visitor);
				}
			});
		}
		else {
			record(operation, invocation, target, result, true, visitor);
		}
		return result;
	}

	private Object trackReactive(ReactiveAdapter adapter, Object result, TrackEventOperation operation,
			MethodInvocation invocation, @Nullable Object target, @Nullable CapturedVisitor calledFrom) {
		Publisher<?> publisher = adapter.toPublisher(result);
		if (adapter.isMultiValue()) {
			Flux<?> tracked = Flux.deferContextual((context) -> Flux.from(publisher)
				.doOnComplete(() -> recordInContext(operation, invocation, target, null, false, calledFrom, context)));
			return adapter.fromPublisher(tracked);
		}
		Mono<?> tracked = Mono.deferContextual((context) -> Mono.from(publisher)
			.doOnSuccess((value) -> recordInContext(operation, invocation, target, value, true, calledFrom, context)));
		return adapter.fromPublisher(tracked);
	}

	private void recordInContext(TrackEventOperation operation, MethodInvocation invocation, @Nullable Object target,
			@Nullable Object result, boolean resultAvailable, @Nullable CapturedVisitor calledFrom,
			ContextView context) {
		Mono<CapturedVisitor> visitor;
		try {
			visitor = this.reactiveVisitorCapture.get().captureVisitor(context);
		}
		catch (RuntimeException ex) {
			this.problemLog.warn("capture:" + ex.getClass().getName(),
					() -> "Could not capture the visitor of a request; recording the event without it", ex);
			visitor = Mono.empty();
		}
		visitor.switchIfEmpty(Mono.justOrEmpty(calledFrom))
			.defaultIfEmpty(CapturedVisitor.NO_REQUEST)
			.contextWrite(context)
			.subscribe((captured) -> record(operation, invocation, target, result, resultAvailable, captured),
					(ex) -> this.problemLog.warn("capture:" + ex.getClass().getName(),
							() -> "Could not capture the visitor of a request; the event was not recorded", ex));
	}

	/**
	 * Warn, once per method, when a WebFlux handler method will record its events without
	 * the visitor: it returns neither a reactive type nor is a suspending function, and
	 * Reactor's automatic context propagation is off. Called for every handler method at
	 * startup, so that the trap is reported before the first request.
	 * @param method the handler method
	 * @param targetClass the class of the handler's bean
	 * @see TrackEventHandlerMethodCheck
	 */
	void checkReactiveHandlerMethod(Method method, Class<?> targetClass) {
		TrackEventOperation operation = this.operationSource.getOperation(method, targetClass);
		if (operation != null && SuspendingFunctions.publisherType(method) == null
				&& reactiveAdapter(method.getReturnType()) == null && !Hooks.isAutomaticContextPropagationEnabled()) {
			warnRequestIsInvisible(operation);
		}
	}

	private @Nullable ReactiveAdapter reactiveAdapter(Class<?> returnType) {
		// The registry adapts CompletionStage too: its event fires on completion instead
		return CompletionStage.class.isAssignableFrom(returnType) ? null
				: this.reactiveAdapterRegistry.getAdapter(returnType);
	}

	private void warnIfRequestIsInvisible(TrackEventOperation operation) {
		// a WebFlux handler runs on a non-blocking server thread; a scheduled job does
		// not
		if (this.visitorCapture.get() instanceof UmamiReactiveVisitorCapture && Schedulers.isInNonBlockingThread()) {
			warnRequestIsInvisible(operation);
		}
	}

	private void warnRequestIsInvisible(TrackEventOperation operation) {
		this.problemLog.warn("invisible-request:" + operation.key(), () -> "@TrackEvent on "
				+ operation.targetMethod().toGenericString()
				+ " records its events without the visitor: a WebFlux method returning a plain value or a"
				+ " CompletionStage cannot see its request. Return a Mono or a Flux (or make it a Kotlin suspend"
				+ " function), or set spring.reactor.context-propagation=auto with io.micrometer:context-propagation"
				+ " on the class path", null);
	}

	private @Nullable CapturedVisitor captureCurrentVisitor() {
		try {
			return this.visitorCapture.get().captureCurrentVisitor();
		}
		catch (RuntimeException ex) {
			this.problemLog.warn("capture:" + ex.getClass().getName(),
					() -> "Could not capture the visitor of a request; recording the event without it", ex);
			return null;
		}
	}

	private void record(TrackEventOperation operation, MethodInvocation invocation, @Nullable Object target,
			@Nullable Object result, boolean resultAvailable, @Nullable CapturedVisitor visitor) {
		CapturedVisitor captured = (visitor != null) ? visitor : CapturedVisitor.NO_REQUEST;
		if (!captured.isTracked()) {
			if (logger.isTraceEnabled()) {
				logger.trace(LogMessage.format("Not recording event '%s': %s", operation.name(),
						captured.getNotTrackedReason()));
			}
			return;
		}
		String expression = null;
		try {
			EvaluationContext context = null;
			if (operation.hasExpressions()) {
				context = this.evaluator.createContext(invocation.getMethod(), invocation.getArguments(),
						(target != null) ? target : invocation.getMethod().getDeclaringClass(), operation.targetClass(),
						operation.targetMethod(), result, resultAvailable, this.beanFactory);
			}
			if (context != null && StringUtils.hasText(operation.condition())) {
				expression = operation.condition();
				if (!this.evaluator.condition(expression, operation.key(), context)) {
					return;
				}
			}
			UmamiEventBuilder event = UmamiEvent.event(operation.name());
			if (context != null && StringUtils.hasText(operation.data())) {
				expression = operation.data();
				event.data(toData(this.evaluator.data(expression, operation.key(), context)));
			}
			expression = null;
			captured.applyTo(event);
			this.tracker.get().track(event.build());
		}
		catch (RuntimeException ex) {
			this.failedEvaluations.incrementAndGet();
			Method method = operation.targetMethod();
			if (expression != null) {
				String failed = expression;
				this.problemLog.warn("expression:" + operation.key() + ":" + failed,
						() -> "@TrackEvent expression '" + failed + "' on " + method.toGenericString()
								+ " could not be evaluated; no event recorded: " + ex.getMessage(),
						null);
			}
			else {
				this.problemLog.warn("event:" + operation.key() + ":" + ex.getClass().getName(), () -> "@TrackEvent on "
						+ method.toGenericString() + " could not record its event: " + ex.getMessage(), null);
			}
			if (logger.isDebugEnabled()) {
				logger.debug(LogMessage.format("@TrackEvent failure on %s", method.toGenericString()), ex);
			}
		}
	}

	private static @Nullable Map<String, @Nullable Object> toData(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException(
					"data must evaluate to a Map, but evaluated to " + value.getClass().getName());
		}
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		map.forEach((key, entry) -> data.put(String.valueOf(key), entry));
		return data;
	}

}
