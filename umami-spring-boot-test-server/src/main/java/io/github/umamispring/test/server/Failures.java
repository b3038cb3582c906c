package io.github.umamispring.test.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.umamispring.test.server.UmamiAnswers.Answer;
import org.jspecify.annotations.Nullable;

/**
 * The ways a {@link MockUmamiServer} was told to fail, which apply to every request until
 * {@link #reset()}: stalling, delaying, and answering with a canned answer instead of
 * Umami's.
 *
 * @author umami-spring-boot contributors
 */
final class Failures {

	private final Object monitor = new Object();

	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile @Nullable CountDownLatch stall;

	private volatile Delay delay = Delay.NONE;

	private volatile @Nullable CannedAnswer cannedAnswer;

	/**
	 * Answer with the given status and body instead of Umami's answer.
	 * @param status the HTTP status
	 * @param body the body
	 * @param times how many requests to answer so, or {@code -1} for all
	 */
	void respondWith(int status, String body, int times) {
		this.cannedAnswer = new CannedAnswer(status, body, times);
	}

	/**
	 * Wait the given time before answering each request.
	 * @param delay the delay, not negative
	 */
	void delay(Duration delay) {
		this.delay = new Delay(delay, new CountDownLatch(1));
	}

	/**
	 * Never answer requests.
	 */
	void stall() {
		synchronized (this.monitor) {
			if (this.stall == null) {
				this.stall = new CountDownLatch(1);
			}
		}
	}

	/**
	 * Return the stall requests wait on, read before the request is recorded: a test that
	 * saw the request may reset at once.
	 * @return the latch counted down on {@link #reset()} or {@link #close()}, or
	 * {@code null} if requests are answered
	 */
	@Nullable CountDownLatch currentStall() {
		return this.stall;
	}

	/**
	 * Wait for the delay, if any, or until {@link #reset()} or {@link #close()}.
	 * @return {@code false} if {@link #close()} interrupted the wait, so that the request
	 * is to be dropped
	 * @throws InterruptedException if the thread was interrupted
	 */
	boolean awaitDelay() throws InterruptedException {
		Delay delay = this.delay;
		if (delay.duration().isZero()) {
			return true;
		}
		delay.released().await(delay.duration().toNanos(), TimeUnit.NANOSECONDS);
		return this.closed.getCount() > 0;
	}

	/**
	 * Take the canned answer to give to a request, if any.
	 * @return the answer, or {@code null} to answer as Umami
	 */
	@Nullable Answer takeCannedAnswer() {
		CannedAnswer canned = this.cannedAnswer;
		return (canned != null) ? canned.take() : null;
	}

	/**
	 * Answer as Umami again, releasing stalled requests and answering delayed ones at
	 * once.
	 */
	void reset() {
		synchronized (this.monitor) {
			this.cannedAnswer = null;
			release();
		}
	}

	/**
	 * Release stalled and delayed requests for good, without an answer.
	 */
	void close() {
		synchronized (this.monitor) {
			this.closed.countDown();
			release();
		}
	}

	private void release() {
		Delay delay = this.delay;
		this.delay = Delay.NONE;
		delay.released().countDown();
		CountDownLatch stall = this.stall;
		this.stall = null;
		if (stall != null) {
			stall.countDown();
		}
	}

	/**
	 * A delay before each answer, and the latch that ends it early.
	 *
	 * @param duration how long to wait before answering
	 * @param released counted down to answer at once
	 */
	private record Delay(Duration duration, CountDownLatch released) {

		static final Delay NONE = new Delay(Duration.ZERO, new CountDownLatch(0));

	}

	/**
	 * An answer given instead of Umami's, to every request or a number of them.
	 */
	private static final class CannedAnswer {

		private final Answer answer;

		private final @Nullable AtomicInteger remaining;

		CannedAnswer(int status, String body, int times) {
			this.answer = new Answer(status, body);
			this.remaining = (times > 0) ? new AtomicInteger(times) : null;
		}

		@Nullable Answer take() {
			if (this.remaining == null) {
				return this.answer;
			}
			return (this.remaining.getAndDecrement() > 0) ? this.answer : null;
		}

	}

}
