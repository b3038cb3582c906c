package io.github.umamispring.delivery;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.github.umamispring.UmamiHttpException;
import io.github.umamispring.UmamiResult;
import org.jspecify.annotations.Nullable;

/**
 * The one rule of what is sent again, and when: only where Umami cannot have stored the
 * events. That is a request that never reached the server (the connection failed), a 429
 * (a rate limiter answers before forwarding), a 503 (no upstream to forward to) and a 502
 * (a gateway that could not reach Umami or got no valid answer: almost always before
 * Umami stored anything; a connection Umami closed after storing is the rare exception,
 * accepted). Never a 504 (a gateway gave up waiting for Umami, which had the request and
 * stores it), a 500 (Umami may have stored the event before failing), a response timeout
 * or a connection closed after the request was written, nor a 4xx or a bot answer. A
 * batch follows the same rule as a whole.
 * <p>
 * The wait is the answer's {@code Retry-After}, at most the longest backoff, else an
 * exponential backoff with jitter. Connection failures spend no attempt: queued events
 * wait out an outage.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiRetryPolicy {

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503);

	private static final Set<Integer> OVERLOAD_STATUSES = Set.of(429, 502, 503, 504);

	/**
	 * Connect timeouts of clients that do not report them as a {@link ConnectException}:
	 * the JDK's and Apache HttpComponents'.
	 */
	private static final Set<String> CONNECT_TIMEOUTS = Set.of("java.net.http.HttpConnectTimeoutException",
			"org.apache.hc.client5.http.ConnectTimeoutException");

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
	 * @param state the attempts so far, updated
	 * @return the wait, or {@code null} to give up with this result
	 */
	@Nullable Duration nextDelay(UmamiResult result, Attempts state) {
		if (!(result instanceof UmamiResult.Failed failed)) {
			return null;
		}
		if (isConnectFailure(failed.cause())) {
			return backoff(state.connectFailed());
		}
		if (failed.cause() instanceof UmamiHttpException http && RETRYABLE_STATUSES.contains(http.getStatus())) {
			int failedAnswers = state.answerFailed();
			if (failedAnswers >= this.maxAttempts) {
				return null;
			}
			Duration retryAfter = http.getRetryAfter();
			// A rate limiter's Retry-After of an hour must not stop delivery for an hour
			return (retryAfter != null) ? min(retryAfter, this.maxBackoff) : backoff(state.failedAnswers);
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

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * Whether a request's failure says that Umami is overloaded or out of reach: a
	 * timeout, a connection failure, or an answer of a gateway or a rate limiter (429,
	 * 502, 503, 504).
	 * @param verdict how the request ended: its failure, or {@code null} when Umami took
	 * it
	 * @return whether Umami is overloaded or out of reach
	 */
	static boolean isOverload(@Nullable UmamiResult verdict) {
		if (verdict instanceof UmamiResult.Failed failed) {
			return !(failed.cause() instanceof UmamiHttpException http) || OVERLOAD_STATUSES.contains(http.getStatus());
		}
		return false;
	}

	/**
	 * Whether the failure happened before the request reached the server: it can be sent
	 * again without risk of storing the event twice. Recognised whatever the connector:
	 * Reactor Netty's, the JDK's, Jetty's and Apache HttpComponents' connection refusals
	 * and connect timeouts, unknown hosts and unreachable routes.
	 * @param ex the failure
	 * @return whether the connection could not be made
	 */
	static boolean isConnectFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException || CONNECT_TIMEOUTS.contains(cause.getClass().getName())
					|| isSocketConnectTimeout(cause)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Jetty's connect timeout, a {@link SocketTimeoutException} "Connect Timeout", as the
	 * JDK's sockets say "Connect timed out"; a read timeout says "Read timed out".
	 */
	private static boolean isSocketConnectTimeout(Throwable ex) {
		return ex instanceof SocketTimeoutException && ex.getMessage() != null
				&& ex.getMessage().regionMatches(true, 0, "connect", 0, 7);
	}

	/**
	 * The attempts made for one event, or for all in an outage: the answers that failed,
	 * which are limited, and the connection failures, which only lengthen the backoff.
	 * Synchronized, since deliveries end on the transport's threads, several at once.
	 */
	static final class Attempts {

		private int failedAnswers;

		private int connectFailures;

		synchronized int answerFailed() {
			return ++this.failedAnswers;
		}

		synchronized int connectFailed() {
			return ++this.connectFailures;
		}

		/**
		 * Forget the connection failures: Umami answered.
		 */
		synchronized void reset() {
			this.connectFailures = 0;
		}

	}

}
