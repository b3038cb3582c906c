package io.github.umamispring.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.umamispring.UmamiEvent;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiEventQueue}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiEventQueueTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void dropsTheNewEventWhenFull() {
		UmamiEventQueue queue = new UmamiEventQueue(2, false);
		assertThat(queue.offer(entry("a"))).isNull();
		assertThat(queue.offer(entry("b"))).isNull();
		assertThat(queue.offer(entry("c"))).extracting((entry) -> entry.event().getName()).isEqualTo("c");
		assertThat(queue.size()).isEqualTo(2);
	}

	@Test
	void dropsTheOldestWaitingEventWhenFullAndSoConfigured() throws InterruptedException {
		UmamiEventQueue queue = new UmamiEventQueue(2, true);
		queue.offer(entry("a"));
		queue.offer(entry("b"));
		assertThat(queue.offer(entry("c"))).extracting((entry) -> entry.event().getName()).isEqualTo("a");
		assertThat(names(queue.take(10, 0))).containsExactly("b", "c");
	}

	@Test
	void countsEventsInFlightAgainstTheCapacity() throws InterruptedException {
		UmamiEventQueue queue = new UmamiEventQueue(2, true);
		queue.offer(entry("a"));
		queue.offer(entry("b"));
		List<QueuedEvent> delivery = queue.take(2, 0);
		// Nothing waits: the new event is the one dropped
		assertThat(queue.offer(entry("c"))).extracting((entry) -> entry.event().getName()).isEqualTo("c");
		queue.done(delivery, List.of());
		assertThat(queue.size()).isZero();
		assertThat(queue.offer(entry("d"))).isNull();
	}

	@Test
	void takesUpToTheBatchSizeInOrder() throws InterruptedException {
		UmamiEventQueue queue = new UmamiEventQueue(10, false);
		for (String name : List.of("a", "b", "c")) {
			queue.offer(entry(name));
		}
		assertThat(names(queue.take(2, 0))).containsExactly("a", "b");
		assertThat(names(queue.take(2, 0))).containsExactly("c");
	}

	@Test
	void flushCompletesWhenEveryEarlierEventIsDoneWhateverTheOrder() throws InterruptedException {
		UmamiEventQueue queue = new UmamiEventQueue(10, false);
		queue.offer(entry("a"));
		queue.offer(entry("b"));
		List<QueuedEvent> first = queue.take(1, 0);
		List<QueuedEvent> second = queue.take(1, 0);
		CompletableFuture<Void> flush = queue.flush().toFuture();
		queue.offer(entry("c"));
		queue.done(second, List.of());
		assertThat(flush).isNotDone();
		queue.done(first, List.of());
		// Done although "c", offered after the flush, still waits
		assertThat(flush).isCompleted();
	}

	@Test
	void flushCompletesWhenTheWaitingEventsAreDroppedForNewerOnes() {
		UmamiEventQueue queue = new UmamiEventQueue(1, true);
		queue.offer(entry("a"));
		Mono<Void> flush = queue.flush();
		queue.offer(entry("b"));
		StepVerifier.create(flush).expectComplete().verify(TIMEOUT);
	}

	@Test
	void closeGivesUpOnEverythingHeldAndCompletesFlushes() throws InterruptedException {
		UmamiEventQueue queue = new UmamiEventQueue(10, false);
		queue.offer(entry("a"));
		queue.offer(entry("b"));
		List<QueuedEvent> delivery = queue.take(1, 0);
		Mono<Void> flush = queue.flush();
		assertThat(names(queue.close())).containsExactly("a", "b");
		StepVerifier.create(flush).expectComplete().verify(TIMEOUT);
		assertThat(queue.done(delivery, List.of())).isFalse();
		assertThat(queue.take(1, 0)).isEmpty();
		QueuedEvent late = entry("c");
		assertThat(queue.offer(late)).isSameAs(late);
	}

	@Test
	void holdsAnEventToSendAgainAsideUntilItIsDueWhileOthersGoFirst() throws InterruptedException {
		UmamiEventQueue queue = new UmamiEventQueue(10, false);
		queue.offer(entry("a"));
		List<QueuedEvent> delivery = queue.take(1, 0);
		QueuedEvent retry = delivery.get(0);
		retry.dueNanos = System.nanoTime() + Duration.ofMillis(300).toNanos();
		queue.done(delivery, List.of(retry));
		assertThat(queue.size()).as("still held").isOne();
		queue.offer(entry("b"));
		assertThat(names(queue.take(10, 0))).containsExactly("b");
		long start = System.nanoTime();
		assertThat(names(queue.take(10, 0))).containsExactly("a");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@Test
	void flushWaitsForAnEventToSendAgain() throws InterruptedException {
		UmamiEventQueue queue = new UmamiEventQueue(10, false);
		queue.offer(entry("a"));
		List<QueuedEvent> delivery = queue.take(1, 0);
		queue.done(delivery, List.of(delivery.get(0)));
		CompletableFuture<Void> flush = queue.flush().toFuture();
		List<QueuedEvent> again = queue.take(1, 0);
		assertThat(flush).isNotDone();
		queue.done(again, List.of());
		assertThat(flush).isDone();
	}

	@Test
	void letsNothingThroughWhilePaused() throws InterruptedException {
		UmamiEventQueue queue = new UmamiEventQueue(10, false);
		queue.pause(Duration.ofMillis(300).toNanos());
		queue.offer(entry("a"));
		long start = System.nanoTime();
		assertThat(names(queue.take(10, 0))).containsExactly("a");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	private static QueuedEvent entry(String name) {
		return new QueuedEvent(UmamiEvent.event(name).build(), 0);
	}

	private static List<String> names(List<QueuedEvent> entries) {
		return entries.stream().map((entry) -> entry.event().getName()).toList();
	}

}
