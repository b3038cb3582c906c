package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiDeadlines}, on a virtual clock.
 */
class UmamiDeadlinesTests {

	private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(5);

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final UmamiDeadlines deadlines = new UmamiDeadlines(this.scheduler,
			() -> this.scheduler.now(TimeUnit.NANOSECONDS));

	@AfterEach
	void dispose() {
		this.scheduler.dispose();
	}

	@Test
	void passesOnTheAnswerThatCameInTime() {
		StepVerifier.create(this.deadlines.bound(Mono.just("answer"), Duration.ofSeconds(1), () -> "timed out"))
			.expectNext("answer")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(this.deadlines.pending()).isZero();
	}

	@Test
	void passesOnAnErrorThatCameInTime() {
		StepVerifier
			.create(this.deadlines.bound(Mono.<String>error(new IllegalStateException("boom")), Duration.ofSeconds(1),
					() -> "timed out"))
			.expectErrorMessage("boom")
			.verify(VERIFY_TIMEOUT);
		assertThat(this.deadlines.pending()).isZero();
	}

	@Test
	void cancelsTheRequestAndAnswersForItWithinATickOfTheTimeout() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Mono<String> never = Mono.<String>never().doOnCancel(() -> cancelled.set(true));
		StepVerifier.create(this.deadlines.bound(never, Duration.ofMillis(250), () -> "timed out"))
			.expectSubscription()
			.then(() -> this.scheduler.advanceTimeBy(Duration.ofMillis(200)))
			.expectNoEvent(Duration.ZERO)
			.then(() -> this.scheduler.advanceTimeBy(UmamiDeadlines.TICK))
			.expectNext("timed out")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(cancelled).isTrue();
		assertThat(this.deadlines.pending()).isZero();
	}

	@Test
	void answerAfterTheDeadlineIsDropped() {
		Sinks.One<String> late = Sinks.one();
		StepVerifier.create(this.deadlines.bound(late.asMono(), Duration.ofMillis(100), () -> "timed out"))
			.expectSubscription()
			.then(() -> this.scheduler.advanceTimeBy(UmamiDeadlines.TICK))
			.expectNext("timed out")
			.then(() -> late.tryEmitValue("late"))
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
	}

	@Test
	void cancelledRequestIsNoLongerWatched() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Disposable subscription = this.deadlines
			.bound(Mono.<String>never().doOnCancel(() -> cancelled.set(true)), Duration.ofSeconds(1), () -> "timed out")
			.subscribe();
		assertThat(this.deadlines.pending()).isOne();
		subscription.dispose();
		assertThat(cancelled).isTrue();
		assertThat(this.deadlines.pending()).isZero();
	}

	@Test
	void requestCancelledAsItIsSubscribedToIsNotWatched() {
		AtomicBoolean cancelled = new AtomicBoolean();
		this.deadlines
			.bound(Mono.<String>never().doOnCancel(() -> cancelled.set(true)), Duration.ofSeconds(1), () -> "timed out")
			.subscribe(new BaseSubscriber<>() {

				@Override
				protected void hookOnSubscribe(Subscription subscription) {
					cancel();
				}

			});
		assertThat(cancelled).isTrue();
		assertThat(this.deadlines.pending()).isZero();
	}

	@Test
	void checksOnlyWhileRequestsAreWatched() {
		this.deadlines.bound(Mono.never(), Duration.ofSeconds(1), () -> "timed out").subscribe().dispose();
		this.deadlines.bound(Mono.never(), Duration.ofSeconds(1), () -> "timed out").subscribe().dispose();
		assertThat(this.scheduler.getScheduledTaskCount()).as("checks scheduled").isOne();
		this.scheduler.advanceTimeBy(UmamiDeadlines.TICK.multipliedBy(5));
		assertThat(this.scheduler.getScheduledTaskCount()).as("checks scheduled").isOne();
		StepVerifier.create(this.deadlines.bound(Mono.never(), Duration.ofMillis(150), () -> "timed out"))
			.expectSubscription()
			.then(() -> this.scheduler.advanceTimeBy(UmamiDeadlines.TICK.multipliedBy(5)))
			.expectNext("timed out")
			.expectComplete()
			.verify(VERIFY_TIMEOUT);
		assertThat(this.scheduler.getScheduledTaskCount()).as("checks scheduled").isEqualTo(3);
	}

	@Test
	void timeoutOfCenturiesDoesNotOverflow() {
		AtomicReference<String> answer = new AtomicReference<>();
		Disposable subscription = this.deadlines.bound(Mono.never(), Duration.ofDays(365L * 10_000), () -> "timed out")
			.subscribe(answer::set);
		this.scheduler.advanceTimeBy(Duration.ofDays(1));
		assertThat(answer).hasNullValue();
		assertThat(this.deadlines.pending()).isOne();
		subscription.dispose();
	}

}
