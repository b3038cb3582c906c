package io.github.umamispring.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.github.umamispring.DelegatingUmamiTracker;
import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.delivery.UmamiDeliveryListener;
import io.github.umamispring.delivery.UmamiDeliveryOptions;
import io.github.umamispring.delivery.UmamiDeliveryProblem;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

/**
 * The {@code umami} actuator endpoint: how the tracker is set up and how its delivery
 * goes. Reads whether events are sent or only logged (dry run), where to, the queue and
 * the limit on requests in flight, the results since start by outcome and the recent
 * problems, never a visitor's value or the API key; writes a flush of the queue. As with
 * Spring Boot's own endpoints, it is reachable over HTTP or JMX only once exposed
 * ({@code management.endpoints.web.exposure.include=umami}).
 *
 * @author umami-spring-boot contributors
 */
@Endpoint(id = "umami")
public class UmamiEndpoint {

	/**
	 * Longest wait of a flush when the tracker has no shutdown timeout of its own.
	 */
	private static final Duration DEFAULT_FLUSH_TIMEOUT = UmamiDeliveryOptions.defaults().shutdownTimeout();

	private final UmamiTracker tracker;

	private final @Nullable DefaultUmamiTracker defaultTracker;

	private final Setup setup;

	private final Map<String, LongAdder> results = new ConcurrentHashMap<>();

	/**
	 * Create an endpoint. Given a {@link DefaultUmamiTracker}, or a
	 * {@link DelegatingUmamiTracker} wrapping one, it counts the tracker's results from
	 * now on and shows its queue, limit and problems.
	 * @param tracker the tracker
	 * @param setup how the tracker is set up
	 */
	public UmamiEndpoint(UmamiTracker tracker, Setup setup) {
		Assert.notNull(tracker, "'tracker' must not be null");
		Assert.notNull(setup, "'setup' must not be null");
		this.tracker = tracker;
		this.setup = setup;
		this.defaultTracker = DelegatingUmamiTracker.unwrap(tracker, DefaultUmamiTracker.class);
		if (this.defaultTracker != null) {
			this.defaultTracker.addListener(new UmamiDeliveryListener() {

				@Override
				public void onResult(UmamiEvent event, UmamiResult result) {
					UmamiEndpoint.this.results.computeIfAbsent(result.outcome(), (outcome) -> new LongAdder())
						.increment();
				}

			});
		}
	}

	/**
	 * Describe the tracker and its delivery.
	 * @return the description
	 */
	@ReadOperation
	public UmamiDescriptor umami() {
		DefaultUmamiTracker tracker = this.defaultTracker;
		Map<String, Long> results = new TreeMap<>();
		this.results.forEach((outcome, count) -> results.put(outcome, count.sum()));
		if (tracker == null) {
			return new UmamiDescriptor(this.setup, null, null, null, results, List.of());
		}
		UmamiDeliveryOptions options = tracker.getOptions();
		return new UmamiDescriptor(this.setup, tracker.isDelivering(),
				new QueueDescriptor(tracker.getQueueSize(), options.queueCapacity()),
				new InFlightDescriptor(tracker.getInFlightLimit(), options.maxInFlight()), results,
				tracker.getRecentProblems());
	}

	/**
	 * Deliver what is queued: wait until every event tracked so far is delivered or given
	 * up, at most the tracker's shutdown timeout.
	 * @return whether the flush completed, and what is left in the queue
	 */
	@WriteOperation
	public FlushDescriptor flush() {
		Duration timeout = (this.defaultTracker != null) ? this.defaultTracker.getOptions().shutdownTimeout()
				: DEFAULT_FLUSH_TIMEOUT;
		Boolean flushed = this.tracker.flush()
			.thenReturn(true)
			.timeout(timeout, Mono.just(false))
			.onErrorReturn(false)
			.block();
		return new FlushDescriptor(Boolean.TRUE.equals(flushed),
				(this.defaultTracker != null) ? this.defaultTracker.getQueueSize() : null);
	}

	/**
	 * How the tracker is set up, as the endpoint shows it.
	 *
	 * @param enabled whether tracking is enabled ({@code umami.enabled})
	 * @param dryRun whether events are only logged instead of sent
	 * @param host where events are sent, without user information
	 * @param websiteId the website of events that name none and whose hostname matches
	 * none of the {@code websites}
	 * @param websites the websites chosen by the event's hostname, as the tracker matches
	 * them: each website ID with its exact hostnames, then its patterns (see
	 * {@link io.github.umamispring.UmamiWebsites#hostnamesByWebsite()})
	 */
	public record Setup(boolean enabled, boolean dryRun, @Nullable String host, @Nullable String websiteId,
			Map<String, List<String>> websites) {

		public Setup {
			Assert.notNull(websites, "'websites' must not be null");
		}

	}

	/**
	 * Description of the tracker and its delivery.
	 *
	 * @param setup how the tracker is set up
	 * @param delivering whether the thread that sends tracked events runs, or
	 * {@code null} for a tracker of another kind than the default one
	 * @param queue the queue, or {@code null} for a tracker of another kind
	 * @param inFlight the limit on requests in flight, or {@code null} for a tracker of
	 * another kind
	 * @param results the results since the endpoint was created, by outcome
	 * ({@code accepted}, {@code bot}, {@code rejected}, {@code failed}, {@code dropped})
	 * @param recentProblems the problems of the last five minutes, most recent first
	 */
	public record UmamiDescriptor(Setup setup, @Nullable Boolean delivering, @Nullable QueueDescriptor queue,
			@Nullable InFlightDescriptor inFlight, Map<String, Long> results,
			List<UmamiDeliveryProblem> recentProblems) implements OperationResponseBody {

	}

	/**
	 * The queue of tracked events.
	 *
	 * @param size the events held: waiting, being sent or waiting to be sent again
	 * @param capacity the most events held
	 */
	public record QueueDescriptor(int size, int capacity) {

	}

	/**
	 * The adaptive limit on requests in flight to Umami.
	 *
	 * @param limit the current limit, with its fraction
	 * @param max the highest limit ({@code umami.delivery.max-in-flight})
	 */
	public record InFlightDescriptor(double limit, int max) {

	}

	/**
	 * The outcome of a flush.
	 *
	 * @param flushed whether every event tracked before the flush was delivered or given
	 * up within the timeout
	 * @param queueSize the events held afterwards, or {@code null} for a tracker of
	 * another kind than the default one
	 */
	public record FlushDescriptor(boolean flushed, @Nullable Integer queueSize) implements OperationResponseBody {

	}

}
