package io.github.umamispring.delivery;

import java.util.List;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiEventProcessor;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.internal.RepeatedProblemLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * Applies the {@link UmamiEventProcessor}s of a tracker to each event, in their order, on
 * the caller's thread. Never throws: a processor that fails drops the event.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiEventProcessors {

	private static final Log logger = LogFactory.getLog(DefaultUmamiTracker.class);

	/**
	 * What the JDK appends to the class name of a lambda: a hidden class whose name ends
	 * with an address that differs from run to run.
	 */
	private static final String LAMBDA = "$$Lambda";

	private final RepeatedProblemLog problemLog;

	private volatile List<UmamiEventProcessor> processors = List.of();

	UmamiEventProcessors(RepeatedProblemLog problemLog) {
		this.problemLog = problemLog;
	}

	void setProcessors(List<? extends UmamiEventProcessor> processors) {
		this.processors = List.copyOf(processors);
	}

	/**
	 * Apply the processors to an event. An event Umami would refuse is not processed: it
	 * is never sent.
	 * @param event the event
	 * @return the event to send; or the event a processor dropped, with its result
	 */
	Processed process(UmamiEvent event) {
		UmamiEvent current = event;
		if (event.getRefusal() != null) {
			return new Processed(event, null);
		}
		for (UmamiEventProcessor processor : this.processors) {
			UmamiEvent processed;
			try {
				processed = processor.process(current);
			}
			catch (OutOfMemoryError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				return new Processed(current, failed(processor, ex));
			}
			if (processed == null) {
				String reason = "dropped by an event processor (" + name(processor) + ")";
				if (logger.isDebugEnabled()) {
					logger.debug(LogMessage.format("Umami %s %s", DeliveryReporter.describe(current), reason));
				}
				return new Processed(current, new UmamiResult.Dropped(reason));
			}
			current = processed;
		}
		return new Processed(current, null);
	}

	private UmamiResult.Dropped failed(UmamiEventProcessor processor, Throwable ex) {
		String reason = "event processor " + name(processor) + " failed with " + ex.getClass().getName();
		// the exception's message, written by application code, may quote a visitor's
		// values: only at DEBUG
		this.problemLog.warn("processor:" + reason,
				() -> "Umami " + reason + "; the event was dropped (the exception is logged at DEBUG)", null);
		if (logger.isDebugEnabled()) {
			logger.debug(LogMessage.format("Umami %s", reason), ex);
		}
		return new UmamiResult.Dropped(reason);
	}

	/**
	 * Name a processor by its class, a lambda by the class that declares it: the same
	 * from run to run.
	 */
	private static String name(UmamiEventProcessor processor) {
		String name = processor.getClass().getName();
		int lambda = name.indexOf(LAMBDA);
		return (lambda > 0) ? name.substring(0, lambda + LAMBDA.length()) : name;
	}

	/**
	 * What became of an event before delivery.
	 *
	 * @param event the event to send, or the one not to send
	 * @param result the result of an event not to send, or {@code null} to send it
	 */
	record Processed(UmamiEvent event, @Nullable UmamiResult result) {

	}

}
