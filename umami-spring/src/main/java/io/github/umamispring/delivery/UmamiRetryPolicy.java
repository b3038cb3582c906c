package io.github.umamispring.delivery;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.github.umamispring.UmamiHttpException;
import io.github.umamispring.UmamiResult;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether and when to send an event again, following what Umami allows: only when
 * the request cannot have been stored (the connection failed) or Umami said to come back
 * later (429, 502, 503, 504). Never after 400, 403, 404, a bot answer, a 500 or a
 * response timeout, which may all follow a stored event.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiRetryPolicy {

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	UmamiRetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
		this.maxAttempts = maxAttempts;
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Return how long to wait before the next attempt.
	 * @param result the result of the last attempt
	 * @param state the attempts so far
	 * @return the wait, or {@code null} to give up with this result
	 */
	@Nullable Duration nextDelay(UmamiResult result, Attempts state) {
		if (!(result instanceof UmamiResult.Failed failed)) {
			return null;
		}
		if (isConnectFailure(failed.cause())) {
			// Queued events wait out an outage: this spends no attempt
			state.connectFailures++;
			return backoff(state.connectFailures);
		}
		if (failed.cause() instanceof UmamiHttpException http && RETRYABLE_STATUSES.contains(http.getStatus())) {
			state.failedAnswers++;
			if (state.failedAnswers >= this.maxAttempts) {
				return null;
			}
			Duration retryAfter = http.getRetryAfter();
			return (retryAfter != null) ? retryAfter : backoff(state.failedAnswers);
		}
		return null;
	}

	/**
	 * Return the backoff before the given retry: exponential, capped, with "equal jitter"
	 * (between half and all of the exponential value), so that clients that failed
	 * together do not come back together.
	 * @param retry the retry, from 1
	 * @return the backoff
	 */
	Duration backoff(int retry) {
		long initial = Math.max(1, this.initialBackoff.toMillis());
		long max = Math.max(initial, this.maxBackoff.toMillis());
		long exponential = (retry >= 32) ? max : Math.min(max, initial << Math.min(retry - 1, 31));
		long half = exponential / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(exponential - half + 1));
	}

	/**
	 * Whether a request's failure says that Umami is overloaded or out of reach: a
	 * timeout, a connection failure, or an answer asking to come back later.
	 * @param verdict how the request ended: its failure, or {@code null} when Umami took
	 * it
	 * @return whether Umami is overloaded or out of reach
	 */
	static boolean isOverload(@Nullable UmamiResult verdict) {
		if (verdict instanceof UmamiResult.Failed failed) {
			if (failed.cause() instanceof UmamiHttpException http) {
				return isComeBackLater(http.getStatus());
			}
			return true;
		}
		return false;
	}

	/**
	 * Whether Umami's answer asks to come back later: 429, 502, 503 or 504.
	 * @param status the HTTP status
	 * @return whether the status is one to retry
	 */
	static boolean isComeBackLater(int status) {
		return RETRYABLE_STATUSES.contains(status);
	}

	/**
	 * Whether the failure happened before the request reached the server: it can be sent
	 * again without risk of storing the event twice.
	 * @param ex the failure
	 * @return whether the connection could not be made
	 */
	static boolean isConnectFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The attempts made for one delivery: the answers that failed, which are limited, and
	 * the connection failures, which only lengthen the backoff.
	 */
	static final class Attempts {

		private int failedAnswers;

		private int connectFailures;

	}

}
