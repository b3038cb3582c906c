package io.github.umamispring.aop;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.aop.TrackEventOperationSource.TrackEventOperation;
import io.github.umamispring.aop.TrackEventTransactions.PendingEvent;
import io.github.umamispring.internal.RepeatedProblemLog;
import io.github.umamispring.web.CapturedVisitor;
import io.github.umamispring.web.UmamiReactiveVisitorCapture;
import io.github.umamispring.web.UmamiVisitorCapture;
import io.github.umamispring.web.UmamiVisitorTaskDecorator;
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
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * {@link MethodInterceptor} that records an Umami event when a
 * {@link TrackEvent @TrackEvent} method completes successfully. The moment is decided by
 * the declared return type (see {@link TrackEvent}), a Kotlin suspending function
 * counting as a {@code Mono} (a {@code Flux} when it returns a {@code Flow}); the result
 * is never changed, delayed or failed, and the event is handed to
 * {@link UmamiTracker#track(UmamiEvent)}, after the commit of the transaction the call
 * joined, if any (nothing when it rolls back).
 * <p>
 * Nothing but the method's own outcome reaches the caller: any failure of recording
 * ({@link StackOverflowError} included, {@link OutOfMemoryError} excepted), such as an
 * expression that fails, is logged once at WARN with the method, then at DEBUG, and
 * counted ({@link #getFailedEvaluationCount()}).
 *
 * @author umami-spring-boot contributors
 */
public class TrackEventInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(TrackEventInterceptor.class);

	private final Supplier<UmamiVisitorCapture> visitorCapture;

	private final Supplier<UmamiReactiveVisitorCapture> reactiveVisitorCapture;

	private final ReactiveAdapterRegistry reactiveAdapterRegistry = ReactiveAdapterRegistry.getSharedInstance();

	private final TrackEventOperationSource operationSource = new TrackEventOperationSource();

	private final RepeatedProblemLog problemLog = new RepeatedProblemLog(logger);

	private final TrackEventRecorder recorder;

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
		this.visitorCapture = SingletonSupplier.of(visitorCapture);
		this.reactiveVisitorCapture = SingletonSupplier.of(reactiveVisitorCapture);
		this.recorder = new TrackEventRecorder(SingletonSupplier.of(tracker), beanFactory, logger, this.problemLog);
	}

	/**
	 * Return how many events were not recorded because recording failed: an expression
	 * failed to evaluate, the event broke one of Umami's limits, or a value's method, the
	 * visitor's capture or the tracker failed.
	 * @return the count since startup
	 */
	public long getFailedEvaluationCount() {
		return this.recorder.getFailureCount();
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Method method = invocation.getMethod();
		TrackEventOperation operation = getOperation(method, target);
		if (operation == null) {
			return invocation.proceed();
		}
		CapturedVisitor visitor = captureCurrentVisitor();
		Class<?> suspendingType;
		ReactiveAdapter adapter;
		try {
			suspendingType = SuspendingFunctions.publisherType(method);
			adapter = reactiveAdapter((suspendingType != null) ? suspendingType : method.getReturnType());
			if (adapter == null && visitor == null) {
				warnIfRequestIsInvisible(operation);
			}
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			this.recorder.fail(operation, null, ex);
			return invocation.proceed();
		}
		Object result = invocation.proceed();
		if (adapter != null) {
			// a suspending function is a Mono or a Flux inside the advice chain
			boolean trackable = result != null && (suspendingType == null || suspendingType.isInstance(result));
			return trackable ? trackReactive(adapter, result, operation, invocation, target, visitor) : result;
		}
		if (CompletionStage.class.isAssignableFrom(method.getReturnType())
				&& result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, ex) -> {
				if (ex == null) {
					this.recorder.record(operation, invocation, target, value, true, visitor,
							this.recorder.pendingEvent(null, operation));
				}
			});
		}
		else {
			this.recorder.record(operation, invocation, target, result, true, visitor,
					this.recorder.pendingEvent(null, operation));
		}
		return result;
	}

	private @Nullable TrackEventOperation getOperation(Method method, @Nullable Object target) {
		try {
			Class<?> targetClass = (target != null) ? AopProxyUtils.ultimateTargetClass(target)
					: method.getDeclaringClass();
			return this.operationSource.getOperation(method, targetClass);
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			this.problemLog.warn("operation:" + method + ":" + ex.getClass().getName(),
					() -> "@TrackEvent on " + method.toGenericString() + " records nothing: reading the annotation"
							+ " failed with " + ex.getClass().getName(),
					null);
			return null;
		}
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

	/**
	 * Record the event of a publisher that succeeded, with the visitor of its Reactor
	 * context: never throws, so that the publisher's signal passes unchanged.
	 */
	private void recordInContext(TrackEventOperation operation, MethodInvocation invocation, @Nullable Object target,
			@Nullable Object result, boolean resultAvailable, @Nullable CapturedVisitor calledFrom,
			ContextView context) {
		try {
			PendingEvent pending = this.recorder.pendingEvent(context, operation);
			Mono<CapturedVisitor> visitor;
			try {
				visitor = this.reactiveVisitorCapture.get().captureVisitor(context);
			}
			catch (OutOfMemoryError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				warnCaptureFailed(ex, "recording the event without it");
				visitor = Mono.empty();
			}
			visitor.switchIfEmpty(Mono.justOrEmpty(calledFrom))
				.defaultIfEmpty(CapturedVisitor.NO_REQUEST)
				.contextWrite(context)
				.subscribe((captured) -> this.recorder.record(operation, invocation, target, result, resultAvailable,
						captured, pending), (ex) -> warnCaptureFailed(ex, "the event was not recorded"));
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			this.recorder.fail(operation, null, ex);
		}
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

	/**
	 * Capture the visitor of the request the calling thread handles, else the visitor
	 * handed to the task the thread runs ({@link UmamiVisitorTaskDecorator}).
	 */
	private @Nullable CapturedVisitor captureCurrentVisitor() {
		try {
			CapturedVisitor visitor = this.visitorCapture.get().captureCurrentVisitor();
			return (visitor != null) ? visitor : UmamiVisitorTaskDecorator.getHandedOverVisitor();
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			warnCaptureFailed(ex, "recording the event without it");
			return null;
		}
	}

	private void warnCaptureFailed(Throwable ex, String consequence) {
		this.problemLog.warn("capture:" + ex.getClass().getName(),
				() -> "Could not capture the visitor of a request; " + consequence, ex);
	}

}
