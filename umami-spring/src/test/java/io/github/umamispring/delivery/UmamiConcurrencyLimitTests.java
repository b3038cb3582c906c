package io.github.umamispring.delivery;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.github.umamispring.UmamiHttpException;
import io.github.umamispring.UmamiResult;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiConcurrencyLimit}, on a clock of its own.
 *
 * @author umami-spring-boot contributors
 */
class UmamiConcurrencyLimitTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final AtomicLong now = new AtomicLong();

	private volatile boolean backlog = true;

	private final UmamiConcurrencyLimit limit = new UmamiConcurrencyLimit(16, () -> this.backlog, this.now::get);

	@Test
	void startsAtOne() {
		assertThat(this.limit.limit()).isEqualTo(1);
		assertThat(this.limit.allowed()).isOne();
	}

	@Test
	void growsWhileLatencyStaysFlatAndEventsWait() {
		List<Integer> allowed = new ArrayList<>();
		for (int round = 0; round < 6; round++) {
			flatRound(100, SECOND);
			allowed.add(this.limit.allowed());
		}
		// About one more per round of answers, as TCP's congestion avoidance
		assertThat(allowed).isSorted().startsWith(2).endsWith(5);
	}

	@Test
	void neverGrowsBeyondTheMaximum() {
		for (int round = 0; round < 40; round++) {
			flatRound(100, SECOND);
		}
		assertThat(this.limit.limit()).isEqualTo(16);
	}

	@Test
	void doesNotGrowWhenNoEventsWait() {
		this.backlog = false;
		for (int round = 0; round < 6; round++) {
			flatRound(100, SECOND);
		}
		assertThat(this.limit.limit()).isEqualTo(1);
	}

	@Test
	void doesNotGrowWhenFewerDeliveriesThanAllowedAreInFlight() throws InterruptedException {
		growTo(3);
		double before = this.limit.limit();
		for (int round = 0; round < 6; round++) {
			int slot = this.limit.acquire();
			answer(this.limit.start(100), SECOND, null);
			this.limit.release(slot);
		}
		assertThat(this.limit.limit()).isEqualTo(before);
	}

	@Test
	void growsWhileFewerSlotsAreFreeThanAWakeUpLetsThrough() throws InterruptedException {
		growTo(8);
		double before = this.limit.limit();
		// Seven of eight in flight: the sender waits for a second free slot
		acquire(7);
		List<UmamiConcurrencyLimit.Request> requests = start(7, 100);
		answer(requests.get(0), SECOND, null);
		assertThat(this.limit.limit()).isGreaterThan(before);
	}

	@Test
	void keepsAFewRequestsInFlightAtAServerThatWritesOneRequestAtATime() throws InterruptedException {
		List<Integer> allowed = serve(1, SECOND, 300).subList(30, 300);
		// One written, one or two waiting, so that Umami never idles; one at a time
		// while the no-load latency is measured again, every 30 seconds
		assertThat(allowed).containsOnly(1, 2, 3, 4);
		assertThat(allowed).filteredOn((value) -> value == 2 || value == 3).hasSizeGreaterThan(200);
	}

	@Test
	void keepsMoreRequestsInFlightAtAServerThatWritesSeveralAtATime() throws InterruptedException {
		List<Integer> allowed = serve(4, SECOND, 300).subList(30, 300);
		assertThat(allowed).filteredOn((value) -> value >= 5 && value <= 7).hasSizeGreaterThan(200);
		assertThat(allowed).filteredOn((value) -> value > 7).isEmpty();
	}

	@Test
	void takesAFewMillisecondsOfQueueingForFlatLatency() throws InterruptedException {
		// A fast Umami: 16 requests in flight wait 3.2 ms at most
		List<Integer> allowed = serve(1, SECOND / 5000, 200);
		assertThat(allowed.get(allowed.size() - 1)).isEqualTo(16);
	}

	@Test
	void shrinksWhenLatencyRisesWithTheRequestsInFlight() throws InterruptedException {
		growTo(6);
		// Umami now writes one request at a time: every request waits for those ahead
		List<Integer> allowed = serve(1, SECOND, 40);
		assertThat(allowed.get(allowed.size() - 1)).isLessThanOrEqualTo(4);
	}

	@ParameterizedTest
	@MethodSource("overloads")
	void halvesOncePerRoundWhenUmamiIsOverloadedOrOutOfReach(UmamiResult verdict) throws InterruptedException {
		growTo(4);
		double before = this.limit.limit();
		List<UmamiConcurrencyLimit.Request> round = start(4, 100);
		this.now.addAndGet(SECOND);
		round.forEach((request) -> this.limit.complete(request, verdict));
		assertThat(this.limit.limit()).isEqualTo(before / 2);
		// A request sent after the decrease belongs to the next round
		answer(this.limit.start(100), SECOND, verdict);
		assertThat(this.limit.limit()).isEqualTo(before / 4);
		answer(this.limit.start(100), SECOND, verdict);
		assertThat(this.limit.limit()).isEqualTo(1);
	}

	static Stream<UmamiResult> overloads() {
		return Stream.of(failed(new TimeoutException("No answer")), failed(new UmamiHttpException(429, "Later")),
				failed(new UmamiHttpException(502, "Bad Gateway")), failed(new UmamiHttpException(503, "Unavailable")),
				failed(new UmamiHttpException(504, "Gateway Timeout")),
				failed(new ConnectException("Connection refused")));
	}

	@Test
	void takesAnAnswerThatMayFollowAStoredEventAsALatencySample() throws InterruptedException {
		growTo(4);
		double before = this.limit.limit();
		answer(this.limit.start(100), SECOND, failed(new UmamiHttpException(500, "Internal Server Error")));
		answer(this.limit.start(100), SECOND, new UmamiResult.Rejected(400, "Bad Request"));
		assertThat(this.limit.limit()).isGreaterThanOrEqualTo(before);
	}

	@Test
	void comparesABatchWithTheNoLoadLatencyOfItsSize() throws InterruptedException {
		// One event alone takes 1 ms, a batch of 100 alone a second: no queueing
		answer(this.limit.start(1), SECOND / 1000, null);
		for (int round = 0; round < 6; round++) {
			flatRound(100, SECOND);
		}
		assertThat(this.limit.allowed()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void measuresTheNoLoadLatencyAgainAloneOnceItIsOld() throws InterruptedException {
		growTo(3);
		this.now.addAndGet(java.util.concurrent.TimeUnit.SECONDS.toNanos(UmamiNoLoadLatency.LIFETIME_SECONDS) + 1);
		// Umami became four times slower
		List<UmamiConcurrencyLimit.Request> round = start(2, 100);
		answer(round.get(1), 4 * SECOND, null);
		// One delivery at a time until a request sent alone is answered
		assertThat(this.limit.allowed()).isOne();
		answer(round.get(0), 0, null);
		assertThat(this.limit.allowed()).isGreaterThanOrEqualTo(3);
		// Four seconds is the new no-load latency: not queueing
		double before = this.limit.limit();
		flatRound(100, 4 * SECOND);
		flatRound(100, 4 * SECOND);
		assertThat(this.limit.limit()).isGreaterThan(before);
	}

	@Test
	void measuresTheNoLoadLatencyAgainAloneEvenWhenUmamiGotFaster() throws InterruptedException {
		growTo(3);
		// Faster answers, none sent alone: queueing may hide in them
		this.limit.start(100);
		for (int i = 1; i < UmamiNoLoadLatency.LIFETIME_SECONDS; i++) {
			answer(this.limit.start(100), SECOND * 9 / 10, null);
			assertThat(this.limit.allowed()).isEqualTo(3);
		}
		// Thirty seconds after it was last measured alone
		answer(this.limit.start(100), 4 * SECOND, null);
		assertThat(this.limit.allowed()).isOne();
	}

	@Test
	void measuresTheNoLoadLatencyAgainAtOnceWhenUmamiGotMuchFaster() throws InterruptedException {
		growTo(3);
		this.limit.start(100);
		answer(this.limit.start(100), SECOND / 2, null);
		assertThat(this.limit.allowed()).isOne();
		answer(this.limit.start(100), SECOND / 4, null);
		assertThat(this.limit.allowed()).isOne();
	}

	@Test
	void countsTheEventsOfTheRequestsInFlight() {
		UmamiConcurrencyLimit.Request first = this.limit.start(3);
		UmamiConcurrencyLimit.Request second = this.limit.start(5);
		assertThat(first.eventsAhead()).isZero();
		assertThat(second.eventsAhead()).isEqualTo(3);
		assertThat(this.limit.eventsInFlight()).isEqualTo(8);
		this.limit.complete(first, null);
		this.limit.complete(first, null);
		assertThat(this.limit.eventsInFlight()).isEqualTo(5);
		this.limit.complete(second, UmamiConcurrencyLimit.CANCELLED);
		assertThat(this.limit.eventsInFlight()).isZero();
	}

	@Test
	void acquireWaitsForAFreeSlot() throws Exception {
		int slot = this.limit.acquire();
		assertAcquireWaitsUntilReleased(slot);
	}

	@Test
	void ignoresWhatWasInFlightBeforeAReset() throws Exception {
		int slot = this.limit.acquire();
		UmamiConcurrencyLimit.Request request = this.limit.start(10);
		this.limit.reset();
		int fresh = this.limit.acquire();
		this.limit.complete(request, failed(new TimeoutException("No answer")));
		this.limit.release(slot);
		assertThat(this.limit.eventsInFlight()).isZero();
		assertThat(this.limit.limit()).isEqualTo(1);
		// The stale release gave back no slot: the fresh one is still held
		assertAcquireWaitsUntilReleased(fresh);
	}

	@Test
	void limitThatGrowsLetsAWaitingDeliveryThroughBeforeAnySlotIsReleased() throws Exception {
		int slot = this.limit.acquire();
		CompletableFuture<Integer> next = acquireOnAnotherThread();
		assertThat(next).isNotDone();
		// The held delivery is answered with flat latency while events wait
		answer(this.limit.start(100), SECOND, null);
		assertThat(this.limit.allowed()).isEqualTo(2);
		assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(slot);
	}

	@Test
	void wakesAWaitingDeliveryOnceAQuarterOfTheLimitIsFree() throws Exception {
		growTo(8);
		List<Integer> slots = acquire(8);
		CompletableFuture<Integer> next = acquireOnAnotherThread();
		this.limit.release(slots.get(0));
		// One slot of eight free: not worth a wake-up yet
		Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !next.isDone());
		this.limit.release(slots.get(1));
		assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(slots.get(0));
	}

	/**
	 * Assert that another delivery waits for a slot while the given one is held, and gets
	 * it once it is released.
	 */
	private void assertAcquireWaitsUntilReleased(int slot) throws Exception {
		CompletableFuture<Integer> next = acquireOnAnotherThread();
		assertThat(next).isNotDone();
		this.limit.release(slot);
		assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(slot);
	}

	/**
	 * Acquire a slot on a thread of its own; return once that thread waits for one (or
	 * got one at once).
	 */
	private CompletableFuture<Integer> acquireOnAnotherThread() {
		CompletableFuture<Integer> acquired = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				acquired.complete(this.limit.acquire());
			}
			catch (InterruptedException ex) {
				acquired.completeExceptionally(ex);
			}
		}, "acquire");
		thread.setDaemon(true);
		thread.start();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> acquired.isDone() || thread.getState() == Thread.State.WAITING);
		return acquired;
	}

	/**
	 * Keep as many requests of 100 events in flight as the limit allows at a server that
	 * writes {@code workers} requests at a time, each in the given time, for the given
	 * number of answers; return the deliveries allowed after each answer.
	 */
	private List<Integer> serve(int workers, long latency, int answers) throws InterruptedException {
		record InFlight(UmamiConcurrencyLimit.Request request, int slot, long answeredAt) {
		}
		PriorityQueue<InFlight> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.answeredAt, b.answeredAt));
		long[] free = new long[workers];
		List<Integer> allowed = new ArrayList<>();
		for (int i = 0; i < answers; i++) {
			while (inFlight.size() < this.limit.allowed()) {
				int worker = 0;
				for (int w = 1; w < workers; w++) {
					worker = (free[w] < free[worker]) ? w : worker;
				}
				free[worker] = Math.max(this.now.get(), free[worker]) + latency;
				inFlight.add(new InFlight(this.limit.start(100), this.limit.acquire(), free[worker]));
			}
			InFlight next = inFlight.poll();
			this.now.set(next.answeredAt());
			this.limit.complete(next.request(), null);
			this.limit.release(next.slot());
			allowed.add(this.limit.allowed());
		}
		return allowed;
	}

	private void growTo(int allowed) throws InterruptedException {
		while (this.limit.allowed() < allowed) {
			flatRound(100, SECOND);
		}
	}

	/**
	 * Send as many requests as allowed, all answered after the same latency: Umami writes
	 * them side by side, without queueing.
	 */
	private void flatRound(int size, long latency) {
		int allowed = this.limit.allowed();
		List<Integer> slots = acquire(allowed);
		List<UmamiConcurrencyLimit.Request> requests = start(allowed, size);
		this.now.addAndGet(latency);
		requests.forEach((request) -> this.limit.complete(request, null));
		slots.forEach(this.limit::release);
	}

	private List<Integer> acquire(int count) {
		List<Integer> slots = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			try {
				slots.add(this.limit.acquire());
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return slots;
	}

	private List<UmamiConcurrencyLimit.Request> start(int count, int size) {
		List<UmamiConcurrencyLimit.Request> requests = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			requests.add(this.limit.start(size));
		}
		return requests;
	}

	private void answer(UmamiConcurrencyLimit.Request request, long latency, UmamiResult verdict) {
		this.now.addAndGet(latency);
		this.limit.complete(request, verdict);
	}

	private static UmamiResult.Failed failed(Throwable cause) {
		return new UmamiResult.Failed(cause);
	}

}
