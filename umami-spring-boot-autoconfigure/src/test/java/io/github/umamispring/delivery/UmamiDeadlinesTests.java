package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiDeadlines}, on a virtual clock.
 */
class UmamiDeadlinesTests {

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private final UmamiDeadlines deadlines = new UmamiDeadlines(this.scheduler,
			() -> this.scheduler.now(TimeUnit.NANOSECONDS));

	@AfterEach
	void dispose() {
		this.scheduler.dispose();
	}

	@Test
	void passesWithinATickOfTheTimeout() {
		UmamiDeadlines.Deadline deadline = this.deadlines.start(Duration.ofMillis(250));
		StepVerifier.create(deadline.passed()).expectSubscription().then(() -> {
			this.scheduler.advanceTimeBy(Duration.ofMillis(200));
			assertThat(deadline.hasPassed()).isFalse();
			this.scheduler.advanceTimeBy(UmamiDeadlines.TICK);
		}).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(deadline.hasPassed()).isTrue();
		assertThat(this.deadlines.pending()).isZero();
	}

	@Test
	void finishedRequestIsNoLongerWatched() {
		UmamiDeadlines.Deadline finished = this.deadlines.start(Duration.ofMillis(100));
		UmamiDeadlines.Deadline running = this.deadlines.start(Duration.ofSeconds(1));
		finished.finish();
		assertThat(this.deadlines.pending()).isOne();
		this.scheduler.advanceTimeBy(Duration.ofMillis(500));
		assertThat(finished.hasPassed()).isFalse();
		assertThat(running.hasPassed()).isFalse();
		this.scheduler.advanceTimeBy(Duration.ofMillis(600));
		assertThat(running.hasPassed()).isTrue();
	}

	@Test
	void checksOnlyWhileRequestsAreWatched() {
		this.deadlines.start(Duration.ofMillis(100)).finish();
		this.deadlines.start(Duration.ofMillis(100)).finish();
		assertThat(this.scheduler.getScheduledTaskCount()).as("checks scheduled").isOne();
		this.scheduler.advanceTimeBy(UmamiDeadlines.TICK.multipliedBy(5));
		assertThat(this.scheduler.getScheduledTaskCount()).as("checks scheduled").isOne();
		UmamiDeadlines.Deadline deadline = this.deadlines.start(Duration.ofMillis(150));
		this.scheduler.advanceTimeBy(UmamiDeadlines.TICK.multipliedBy(5));
		assertThat(deadline.hasPassed()).isTrue();
		assertThat(this.scheduler.getScheduledTaskCount()).as("checks scheduled").isEqualTo(3);
	}

	@Test
	void timeoutOfCenturiesDoesNotOverflow() {
		UmamiDeadlines.Deadline deadline = this.deadlines.start(Duration.ofDays(365L * 10_000));
		this.scheduler.advanceTimeBy(Duration.ofDays(1));
		assertThat(deadline.hasPassed()).isFalse();
	}

}
