package io.github.umamispring.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.umamispring.UmamiHttpException;
import io.github.umamispring.UmamiResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiRetryPolicy}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiRetryPolicyTests {

	private final UmamiRetryPolicy policy = new UmamiRetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1));

	@ParameterizedTest
	@ValueSource(ints = { 429, 502, 503 })
	void retriesAnswersGivenBeforeUmamiStoredAnythingUpToMaxAttempts(int status) {
		UmamiRetryPolicy.Attempts attempts = new UmamiRetryPolicy.Attempts();
		UmamiResult result = failed(status, null);
		// Equal jitter: between half and all of 100ms, then of 200ms
		assertThat(this.policy.nextDelay(result, attempts)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
		assertThat(this.policy.nextDelay(result, attempts)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
		assertThat(this.policy.nextDelay(result, attempts)).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 403, 404, 405, 500, 504 })
	void neverRetriesAnswersThatMayFollowAStoredEventOrWouldBeRefusedAgain(int status) {
		// A 504: a gateway gave up waiting for Umami, which had the request and stores it
		UmamiResult result = (status >= 500) ? failed(status, null) : new UmamiResult.Rejected(status, "No");
		assertThat(this.policy.nextDelay(result, new UmamiRetryPolicy.Attempts())).isNull();
	}

	@Test
	void neverRetriesAcceptedOrBotAnswers() {
		assertThat(this.policy.nextDelay(new UmamiResult.FilteredAsBot(), new UmamiRetryPolicy.Attempts())).isNull();
		assertThat(this.policy.nextDelay(new UmamiResult.Accepted(null, null, null), new UmamiRetryPolicy.Attempts()))
			.isNull();
	}

	@Test
	void neverRetriesAResponseTimeout() {
		UmamiResult result = new UmamiResult.Failed(new TimeoutException("no answer"));
		assertThat(this.policy.nextDelay(result, new UmamiRetryPolicy.Attempts())).isNull();
	}

	@Test
	void honoursRetryAfterUpToTheLongestBackoff() {
		assertThat(this.policy.nextDelay(failed(429, Duration.ofMillis(700)), new UmamiRetryPolicy.Attempts()))
			.isEqualTo(Duration.ofMillis(700));
		// A rate limiter's Retry-After of an hour must not stop delivery for an hour
		assertThat(this.policy.nextDelay(failed(429, Duration.ofHours(1)), new UmamiRetryPolicy.Attempts()))
			.isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void neverRetriesAConnectionClosedAfterTheRequestWasWritten() {
		UmamiResult result = new UmamiResult.Failed(new IOException("Connection prematurely closed BEFORE response"));
		assertThat(this.policy.nextDelay(result, new UmamiRetryPolicy.Attempts())).isNull();
	}

	@Test
	void countsGatewayAnswersAndTimeoutsAsOverloadButNotAServerError() {
		assertThat(UmamiRetryPolicy.isOverload(failed(504, null))).isTrue();
		assertThat(UmamiRetryPolicy.isOverload(failed(429, null))).isTrue();
		assertThat(UmamiRetryPolicy.isOverload(new UmamiResult.Failed(new TimeoutException("no answer")))).isTrue();
		assertThat(UmamiRetryPolicy.isOverload(failed(500, null))).isFalse();
		assertThat(UmamiRetryPolicy.isOverload(null)).isFalse();
	}

	@Test
	void waitsOutAnOutageWithoutSpendingAttempts() {
		UmamiRetryPolicy.Attempts attempts = new UmamiRetryPolicy.Attempts();
		UmamiResult refused = connectionRefused();
		for (int i = 0; i < 100; i++) {
			assertThat(this.policy.nextDelay(refused, attempts)).isLessThanOrEqualTo(Duration.ofSeconds(1));
		}
	}

	@Test
	void countsEveryAttemptOfDeliveriesEndingOnSeveralThreadsAtOnce() throws Exception {
		// An outage's deliveries count their connection failures on one Attempts, each
		// from the thread it ends on: none may be lost, nor any failed answer
		int perThread = 1_000_000;
		UmamiRetryPolicy policy = new UmamiRetryPolicy(2 * perThread + 1, Duration.ofMillis(1), Duration.ofMillis(1));
		UmamiRetryPolicy.Attempts attempts = new UmamiRetryPolicy.Attempts();
		UmamiResult unavailable = failed(503, null);
		UmamiResult refused = connectionRefused();
		CyclicBarrier start = new CyclicBarrier(2);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Runnable fail = () -> {
				await(start);
				for (int i = 0; i < perThread; i++) {
					assertThat(policy.nextDelay(refused, attempts)).isNotNull();
					assertThat(policy.nextDelay(unavailable, attempts)).isNotNull();
				}
			};
			CompletableFuture
				.allOf(CompletableFuture.runAsync(fail, threads), CompletableFuture.runAsync(fail, threads))
				.get(30, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(attempts.connectFailed()).as("the next connection failure").isEqualTo(2 * perThread + 1);
		assertThat(policy.nextDelay(unavailable, attempts)).as("the answer past the maximum").isNull();
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void backoffGrowsExponentiallyWithJitterUpToTheMaximum() {
		for (int i = 0; i < 50; i++) {
			assertThat(this.policy.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
			assertThat(this.policy.backoff(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
			assertThat(this.policy.backoff(40)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		}
	}

	@Test
	void recognizesAConnectFailureInsideWebClientsException() {
		assertThat(UmamiRetryPolicy.isConnectFailure(connectionRefused().cause())).isTrue();
		assertThat(UmamiRetryPolicy.isConnectFailure(new IOException("Connection reset"))).isFalse();
		// Jetty's connect timeout, and a read timeout of the JDK's sockets
		assertThat(UmamiRetryPolicy.isConnectFailure(new SocketTimeoutException("Connect Timeout"))).isTrue();
		assertThat(UmamiRetryPolicy.isConnectFailure(new SocketTimeoutException("Read timed out"))).isFalse();
	}

	private static UmamiResult failed(int status, Duration retryAfter) {
		return new UmamiResult.Failed(new UmamiHttpException(status, "later", retryAfter));
	}

	private static UmamiResult.Failed connectionRefused() {
		return new UmamiResult.Failed(new WebClientRequestException(new ConnectException("Connection refused"),
				org.springframework.http.HttpMethod.POST, java.net.URI.create("http://localhost/api/send"),
				new org.springframework.http.HttpHeaders()));
	}

}
