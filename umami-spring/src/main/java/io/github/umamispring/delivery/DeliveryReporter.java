package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.github.umamispring.UmamiAdjustment;
import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.internal.RepeatedProblemLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * Tells the {@link UmamiDeliveryListener listeners} what happened to each event and
 * request, and logs the problems among them without flooding the log in an outage.
 *
 * @author umami-spring-boot contributors
 */
final class DeliveryReporter {

	private static final Log logger = LogFactory.getLog(DefaultUmamiTracker.class);

	private static final Map<UmamiEvent.Kind, String> KINDS = Map.of(UmamiEvent.Kind.EVENT, "a custom event",
			UmamiEvent.Kind.PAGEVIEW, "a pageview", UmamiEvent.Kind.IDENTIFY, "an identify call");

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

	/**
	 * Report an event that was fitted into Umami's limits: log it at DEBUG (fields and
	 * keys, never values) and tell the listeners, or, when such events are refused, log
	 * the refusal once at WARN per event name and fields changed.
	 * @param event an event with adjustments
	 * @param refuse whether to refuse it
	 * @return the result of a refused event, or {@code null} to send it
	 */
	UmamiResult.@Nullable Dropped reportAdjusted(UmamiEvent event, boolean refuse) {
		if (refuse) {
			String reason = "changed to fit Umami's limits, and umami.over-limit=refuse: " + changes(event);
			String fields = event.getAdjustments().stream().map(UmamiAdjustment::field).distinct().toList().toString();
			this.problemLog.warn("over-limit:" + describe(event) + fields,
					() -> "Refused " + describe(event) + ": it was " + reason, null);
			return new UmamiResult.Dropped("it was " + reason);
		}
		if (logger.isDebugEnabled()) {
			logger.debug(
					LogMessage.format("Sending %s changed to fit Umami's limits: %s", describe(event), changes(event)));
		}
		notifyListeners((listener) -> listener.onAdjusted(event));
		return null;
	}

	/**
	 * Report an event Umami would refuse (see {@link UmamiEvent#getRefusal()}), logging
	 * it once at WARN per kind of refusal.
	 * @param event a refused event
	 * @return the result: rejected as Umami would have, without a request
	 */
	UmamiResult.Rejected reportRefused(UmamiEvent event) {
		String refusal = String.valueOf(event.getRefusal());
		int quote = refusal.indexOf('\'');
		this.problemLog.warn("refused:" + event.getKind() + ":" + ((quote > 0) ? refusal.substring(0, quote) : refusal),
				() -> "Did not send " + KINDS.get(event.getKind()) + " that Umami would refuse: " + refusal, null);
		return new UmamiResult.Rejected(400, "Not sent: " + refusal);
	}

	/**
	 * Report an event that has no website to go to (see
	 * {@link UmamiEventDefaults#hasNoWebsite(UmamiEvent)}), logging it at WARN once per
	 * window, whatever its hostname: hostnames come from the requests' Host header, which
	 * any client can set.
	 * @param event the event
	 * @param hostname the hostname it is sent with, or {@code null}
	 * @return the result: dropped, without a request
	 */
	UmamiResult.Dropped reportNoWebsite(UmamiEvent event, @Nullable String hostname) {
		String reason = "no website for " + ((hostname != null) ? "hostname " + hostname : "an event without hostname")
				+ ": it matches none of the websites listed by hostname, and there is no default website";
		this.problemLog.warn("no-website", () -> "Did not send " + describe(event) + ": " + reason
				+ ". List the hostname under a website of umami.websites, or set umami.website-id for every other"
				+ " hostname", null);
		return new UmamiResult.Dropped(reason);
	}

	private static String changes(UmamiEvent event) {
		return event.getAdjustments().stream().map(UmamiAdjustment::toString).collect(Collectors.joining("; "));
	}

	/**
	 * Describe an event by what code gave it, never by what a visitor sent.
	 */
	static String describe(UmamiEvent event) {
		String kind = event.getKind().name().toLowerCase(Locale.ROOT);
		return (event.getName() != null) ? kind + " '" + event.getName() + "'" : kind;
	}

	void notifyResult(UmamiEvent event, UmamiResult result) {
		notifyListeners((listener) -> listener.onResult(event, result));
	}

	void notifyRequest(String endpoint, String outcome, long startNanos) {
		if (!this.listeners.isEmpty()) {
			Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
			notifyListeners((listener) -> listener.onRequest(endpoint, outcome, duration));
		}
	}

	private void notifyListeners(Consumer<UmamiDeliveryListener> notification) {
		for (UmamiDeliveryListener listener : this.listeners) {
			try {
				notification.accept(listener);
			}
			catch (RuntimeException ex) {
				String name = listener.getClass().getName();
				this.problemLog.warn("listener:" + name, () -> "Umami listener " + name + " failed", ex);
			}
		}
	}

}
