package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.support.RepeatedProblemLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;

/**
 * Tells the {@link UmamiDeliveryListener listeners} what happened to each event and
 * request, and logs the problems among them without flooding the log in an outage.
 *
 * @author umami-spring-boot contributors
 */
final class DeliveryReporter {

	private static final Log logger = LogFactory.getLog(DefaultUmamiTracker.class);

	private final List<UmamiDeliveryListener> listeners = new CopyOnWriteArrayList<>();

	private final RepeatedProblemLog problemLog = new RepeatedProblemLog(logger);

	void addListener(UmamiDeliveryListener listener) {
		this.listeners.add(listener);
	}

	RepeatedProblemLog problemLog() {
		return this.problemLog;
	}

	/**
	 * Tell the listeners, and log a problem, building the message only when it is logged:
	 * in an outage this runs for every event, on the caller's thread when the queue is
	 * full. Events dropped on purpose (a dry run, or abandoned at shutdown, which is
	 * logged once with their count) are logged at DEBUG.
	 */
	void report(UmamiEvent event, UmamiResult result, boolean droppedByUs) {
		notifyResult(event, result);
		if (result instanceof UmamiResult.Rejected rejected) {
			this.problemLog.warn("rejected:" + rejected.status() + ":" + rejected.message(),
					() -> "Umami rejected " + event + " with " + rejected.status() + ": " + rejected.message(), null);
		}
		else if (result instanceof UmamiResult.Failed failed) {
			this.problemLog.warn("failed:" + failed.cause().getClass().getName(),
					() -> "Umami event " + event + " was not delivered: " + failed.cause(), null);
		}
		else if (droppedByUs && result instanceof UmamiResult.Dropped dropped) {
			this.problemLog.warn(dropped.reason(), () -> "Umami event " + event + " dropped: " + dropped.reason(),
					null);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(LogMessage.format("Umami answered %s for %s", result, event));
		}
	}

	void notifyResult(UmamiEvent event, UmamiResult result) {
		for (UmamiDeliveryListener listener : this.listeners) {
			try {
				listener.onResult(event, result);
			}
			catch (RuntimeException ex) {
				this.problemLog.warn("listener:" + listener.getClass().getName(), () -> "Umami listener failed", ex);
			}
		}
	}

	void notifyRequest(String endpoint, String outcome, long startNanos) {
		if (this.listeners.isEmpty()) {
			return;
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
		for (UmamiDeliveryListener listener : this.listeners) {
			try {
				listener.onRequest(endpoint, outcome, duration);
			}
			catch (RuntimeException ex) {
				this.problemLog.warn("listener:" + listener.getClass().getName(), () -> "Umami listener failed", ex);
			}
		}
	}

}
