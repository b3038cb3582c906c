package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiHttpException;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.transport.UmamiRequest;
import io.github.umamispring.transport.UmamiTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiSingleDelivery}: one event's delivery, retried, cancelled and
 * counted in the limit as {@link UmamiDelivery#deliver} does it for a batch.
 *
 * @author umami-spring-boot contributors
 */
class UmamiSingleDeliveryTests {

	private static final UmamiResult BUSY = new UmamiResult.Failed(new UmamiHttpException(503, "busy"));

	private static final UmamiResult ACCEPTED = new UmamiResult.Accepted("session", "visit", "token");

	// Set before the delivery is built, so that its retries wait on virtual time
	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.getOrSet();

	private final UmamiConcurrencyLimit limit = new UmamiConcurrencyLimit(4, () -> false, System::nanoTime);

	private final List<UmamiResult> results = new CopyOnWriteArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	@AfterEach
	void resetSchedulers() {
		VirtualTimeScheduler.reset();
	}

	@Test
	void triesAgainWhereUmamiCannotHaveStoredTheEventAndPassesOnTheLastAnswer() {
		UmamiSingleDelivery delivery = delivery(answering(BUSY, ACCEPTED));
		delivery.start();
		assertThat(this.requests).hasValue(1);
		assertThat(this.results).isEmpty();
		this.scheduler.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(this.requests).hasValue(2);
		assertThat(this.results).containsExactly(ACCEPTED);
		assertThat(this.limit.eventsInFlight()).isZero();
	}

	@Test
	void passesOnARefusalWithoutTryingAgain() {
		UmamiResult rejected = new UmamiResult.Rejected(400, "bad request");
		delivery(answering(rejected)).start();
		assertThat(this.requests).hasValue(1);
		assertThat(this.results).containsExactly(rejected);
	}

	@Test
	void disposedWhileItsRequestIsInFlightCancelsItAndReportsNothing() {
		AtomicBoolean cancelled = new AtomicBoolean();
		UmamiSingleDelivery delivery = delivery(
				(request) -> Mono.<UmamiResult>never().doOnCancel(() -> cancelled.set(true)));
		delivery.start();
		assertThat(this.limit.eventsInFlight()).isOne();
		delivery.dispose();
		assertThat(cancelled).isTrue();
		assertThat(delivery.isDisposed()).isTrue();
		assertThat(this.limit.eventsInFlight()).isZero();
		assertThat(this.results).isEmpty();
	}

	@Test
	void disposedWhileWaitingToTryAgainSendsNothingMore() {
		UmamiSingleDelivery delivery = delivery(answering(BUSY, BUSY, BUSY));
		delivery.start();
		delivery.dispose();
		this.scheduler.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(this.requests).hasValue(1);
		assertThat(this.results).isEmpty();
	}

	@Test
	void disposedBeforeItStartsSendsNothing() {
		AtomicBoolean subscribed = new AtomicBoolean();
		UmamiSingleDelivery delivery = delivery(
				(request) -> Mono.<UmamiResult>never().doOnSubscribe((subscription) -> subscribed.set(true)));
		delivery.dispose();
		delivery.start();
		assertThat(subscribed).isFalse();
		assertThat(this.limit.eventsInFlight()).isZero();
		assertThat(this.results).isEmpty();
	}

	@Test
	void transportErrorIsAFailedResult() {
		IllegalStateException failure = new IllegalStateException("connection reset");
		delivery(counting(() -> Mono.error(failure))).start();
		assertThat(this.results).singleElement()
			.isInstanceOfSatisfying(UmamiResult.Failed.class, (failed) -> assertThat(failed.cause()).isSameAs(failure));
		assertThat(this.limit.eventsInFlight()).isZero();
	}

	@Test
	void transportThatCompletesWithoutAnAnswerIsNoAnswer() {
		delivery(counting(Mono::empty)).start();
		assertThat(this.results).containsExactly(UmamiDelivery.NO_ANSWER);
	}

	@Test
	void transportThatThrowsInsteadOfSendingIsAFailedResultAndFreesItsPlaceInTheLimit() {
		IllegalStateException failure = new IllegalStateException("no request");
		delivery((request) -> {
			this.requests.incrementAndGet();
			throw failure;
		}).start();
		assertThat(this.requests).hasValue(1);
		assertThat(this.results).singleElement()
			.isInstanceOfSatisfying(UmamiResult.Failed.class, (failed) -> assertThat(failed.cause()).isSameAs(failure));
		assertThat(this.limit.eventsInFlight()).isZero();
	}

	private UmamiTransport answering(UmamiResult... answers) {
		return (request) -> {
			int attempt = this.requests.getAndIncrement();
			return Mono.just(answers[Math.min(attempt, answers.length - 1)]);
		};
	}

	private UmamiTransport counting(Supplier<Mono<UmamiResult>> answer) {
		return (request) -> {
			this.requests.incrementAndGet();
			return answer.get();
		};
	}

	private UmamiSingleDelivery delivery(UmamiTransport transport) {
		UmamiDelivery delivery = new UmamiDelivery(
				new UmamiRequestFactory(new UmamiEventDefaults("51499dbe-116f-42b4-9a2e-dfcfc230677f", "example.com",
						"Mozilla/5.0 (X11; Linux x86_64) umami-spring-boot")),
				transport, new UmamiCacheTokens(10),
				new UmamiRetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)), new DeliveryReporter(),
				this.limit, UmamiDeliveryOptions.defaults());
		UmamiEvent event = UmamiEvent.event("signup").url("/pricing").build();
		return delivery.single(new QueuedEvent(event, System.currentTimeMillis()), this.results::add);
	}

}
