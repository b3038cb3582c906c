package io.github.umamispring.web;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NamedThreadLocal;
import org.springframework.core.task.TaskDecorator;
import org.springframework.util.Assert;

/**
 * {@link TaskDecorator} that hands the visitor of the request the submitting thread
 * handles to the task, so that {@code @TrackEvent} methods the task runs ({@code @Async}
 * methods, work given to an executor) record their events as that visitor. The visitor is
 * captured when the task is submitted, on the thread that handles the request (a request
 * cannot be read from another thread, nor once it completed), and is
 * {@link #getHandedOverVisitor() visible} on the thread that runs the task until the task
 * ends. A task submitted by such a task gets the same visitor.
 * <p>
 * Apply it to the executors whose tasks may record events, composed with any other
 * decorator ({@link org.springframework.core.task.support.CompositeTaskDecorator}). A
 * task submitted outside a request is returned as it is.
 *
 * @author umami-spring-boot contributors
 */
public class UmamiVisitorTaskDecorator implements TaskDecorator {

	private static final ThreadLocal<CapturedVisitor> handedOver = new NamedThreadLocal<>(
			"Umami visitor handed to a task");

	private final UmamiVisitorCapture visitorCapture;

	/**
	 * Create a decorator.
	 * @param visitorCapture the capture of the submitting thread's visitor
	 */
	public UmamiVisitorTaskDecorator(UmamiVisitorCapture visitorCapture) {
		Assert.notNull(visitorCapture, "'visitorCapture' must not be null");
		this.visitorCapture = visitorCapture;
	}

	/**
	 * Return the visitor handed to the calling thread by a decorated task.
	 * @return the visitor of the request that submitted the running task, or {@code null}
	 * when no task handed one over
	 */
	public static @Nullable CapturedVisitor getHandedOverVisitor() {
		return handedOver.get();
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		CapturedVisitor visitor = currentVisitor();
		if (visitor == null) {
			return runnable;
		}
		return () -> {
			CapturedVisitor previous = handedOver.get();
			handedOver.set(visitor);
			try {
				runnable.run();
			}
			finally {
				if (previous != null) {
					handedOver.set(previous);
				}
				else {
					handedOver.remove();
				}
			}
		};
	}

	private @Nullable CapturedVisitor currentVisitor() {
		try {
			CapturedVisitor visitor = this.visitorCapture.captureCurrentVisitor();
			return (visitor != null) ? visitor : handedOver.get();
		}
		catch (OutOfMemoryError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// submitting the task matters more than its events' visitor
			return handedOver.get();
		}
	}

}
