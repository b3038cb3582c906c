package io.github.umamispring;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What Umami did with an event. Only {@link Accepted} means the event was stored: a bot
 * answer is HTTP 200 too, yet nothing is recorded.
 *
 * @author umami-spring-boot contributors
 */
public sealed interface UmamiResult {

	/**
	 * Whether Umami stored the event.
	 * @return {@code true} for {@link Accepted}
	 */
	default boolean isAccepted() {
		return this instanceof Accepted;
	}

	/**
	 * Every {@link #outcome()}, in the order of the result types.
	 */
	List<String> OUTCOMES = List.of("accepted", "bot", "rejected", "failed", "dropped");

	/**
	 * Return the outcome as a short lower-case word (for logs and metric tags), one of
	 * {@link #OUTCOMES}.
	 * @return {@code accepted}, {@code bot}, {@code rejected}, {@code failed} or
	 * {@code dropped}
	 */
	String outcome();

	/**
	 * Umami stored the event.
	 *
	 * @param sessionId the visitor's session id, when the server reports it
	 * @param visitId the visit id, when the server reports it
	 * @param cacheToken the token to send as {@code x-umami-cache} with this visitor's
	 * next event, when the server returns one
	 */
	record Accepted(@Nullable String sessionId, @Nullable String visitId,
			@Nullable String cacheToken) implements UmamiResult {

		@Override
		public String outcome() {
			return "accepted";
		}

		/**
		 * Return the session and visit ids, with the cache token masked: whoever holds it
		 * can send events into the visitor's session.
		 */
		@Override
		public String toString() {
			return "Accepted[sessionId=" + this.sessionId + ", visitId=" + this.visitId + ", cacheToken="
					+ ((this.cacheToken != null) ? "******" : null) + "]";
		}

	}

	/**
	 * Umami's bot filter rejected the User-Agent and stored nothing (HTTP 200
	 * {@code {"beep":"boop"}}).
	 */
	record FilteredAsBot() implements UmamiResult {

		@Override
		public String outcome() {
			return "bot";
		}

	}

	/**
	 * Umami refused the event (a 4xx answer, such as an unknown website). Sending it
	 * again would be refused again.
	 *
	 * @param status the HTTP status
	 * @param message Umami's message
	 */
	record Rejected(int status, String message) implements UmamiResult {

		public Rejected {
			Assert.notNull(message, "'message' must not be null");
		}

		@Override
		public String outcome() {
			return "rejected";
		}

	}

	/**
	 * The event could not be delivered: the connection failed, the response timed out, or
	 * Umami answered with a server error (see {@link UmamiHttpException}).
	 *
	 * @param cause what went wrong
	 */
	record Failed(Throwable cause) implements UmamiResult {

		public Failed {
			Assert.notNull(cause, "'cause' must not be null");
		}

		@Override
		public String outcome() {
			return "failed";
		}

	}

	/**
	 * The event was not sent at all.
	 *
	 * @param reason why, such as tracking being disabled or in dry-run mode
	 */
	record Dropped(String reason) implements UmamiResult {

		public Dropped {
			Assert.notNull(reason, "'reason' must not be null");
		}

		@Override
		public String outcome() {
			return "dropped";
		}

	}

}
