package io.github.umamispring.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.umamispring.DelegatingUmamiTracker;
import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiDeliveryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Binds the Umami tracker's meters: the {@value #EVENTS} counter tagged by
 * {@code outcome} (accepted, bot, rejected, failed, dropped), the {@value #QUEUE_SIZE}
 * gauge of events held for delivery, the {@value #SEND} timer of requests to Umami,
 * tagged by {@code endpoint} (send, batch) and {@code outcome}, and the
 * {@value #ADJUSTED} counter of events sent with values fitted into Umami's limits,
 * tagged by {@code field} (data, hostname, language, referrer, screen, title, url, id,
 * ip, tag, revenue, currency). The {@value #SEND_LIMIT} gauge shows the adaptive limit on
 * requests in flight.
 *
 * @author umami-spring-boot contributors
 */
public class UmamiMetrics implements MeterBinder, UmamiDeliveryListener {

	/**
	 * Counter of events by outcome.
	 */
	public static final String EVENTS = "umami.events";

	/**
	 * Gauge of events waiting to be sent or being sent.
	 */
	public static final String QUEUE_SIZE = "umami.queue.size";

	/**
	 * Timer of requests to Umami.
	 */
	public static final String SEND = "umami.send";

	/**
	 * Counter of events sent with a value cut, left out or converted to fit Umami's
	 * limits, by field.
	 */
	public static final String ADJUSTED = "umami.events.adjusted";

	/**
	 * Gauge of the adaptive limit on requests to Umami in flight.
	 */
	public static final String SEND_LIMIT = "umami.send.limit";

	private final @Nullable DefaultUmamiTracker tracker;

	private final List<BoundMeters> bound = new CopyOnWriteArrayList<>();

	private final AtomicBoolean listening = new AtomicBoolean();

	/**
	 * Create a binder of the meters of the given tracker: a {@link DefaultUmamiTracker},
	 * or a {@link DelegatingUmamiTracker} wrapping one. A tracker of another kind has no
	 * meters to bind.
	 * @param tracker the tracker
	 */
	public UmamiMetrics(UmamiTracker tracker) {
		Assert.notNull(tracker, "'tracker' must not be null");
		this.tracker = DelegatingUmamiTracker.unwrap(tracker, DefaultUmamiTracker.class);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		DefaultUmamiTracker tracker = this.tracker;
		if (tracker == null) {
			return;
		}
		Map<String, Counter> counters = new LinkedHashMap<>();
		for (String outcome : UmamiResult.OUTCOMES) {
			counters.put(outcome,
					Counter.builder(EVENTS)
						.description("Events handed to Umami, by what became of them")
						.baseUnit("events")
						.tag("outcome", outcome)
						.register(registry));
		}
		Gauge.builder(QUEUE_SIZE, tracker, DefaultUmamiTracker::getQueueSize)
			.description("Events waiting to be sent to Umami or being sent")
			.baseUnit("events")
			.strongReference(true)
			.register(registry);
		Gauge.builder(SEND_LIMIT, tracker, DefaultUmamiTracker::getInFlightLimit)
			.description("Requests to Umami allowed in flight at once, adapted to Umami's latency")
			.baseUnit("requests")
			.strongReference(true)
			.register(registry);
		MeterProvider<Timer> requests = Timer.builder(SEND)
			.description("Requests sent to Umami")
			.withRegistry(registry);
		MeterProvider<Counter> adjusted = Counter.builder(ADJUSTED)
			.description("Events sent with a value from a visitor or run-time data fitted into Umami's limits")
			.baseUnit("events")
			.withRegistry(registry);
		this.bound.add(new BoundMeters(counters, requests, adjusted));
		if (this.listening.compareAndSet(false, true)) {
			tracker.addListener(this);
		}
	}

	@Override
	public void onResult(UmamiEvent event, UmamiResult result) {
		for (BoundMeters meters : this.bound) {
			Counter counter = meters.counters().get(result.outcome());
			if (counter != null) {
				counter.increment();
			}
		}
	}

	@Override
	public void onAdjusted(UmamiEvent event) {
		Set<String> fields = new LinkedHashSet<>();
		event.getAdjustments().forEach((adjustment) -> fields.add(adjustment.field()));
		for (BoundMeters meters : this.bound) {
			fields.forEach((field) -> meters.adjusted().withTags("field", field).increment());
		}
	}

	@Override
	public void onRequest(String endpoint, String outcome, Duration duration) {
		for (BoundMeters meters : this.bound) {
			meters.requests().withTags("endpoint", endpoint, "outcome", outcome).record(duration);
		}
	}

	private record BoundMeters(Map<String, Counter> counters, MeterProvider<Timer> requests,
			MeterProvider<Counter> adjusted) {

	}

}
