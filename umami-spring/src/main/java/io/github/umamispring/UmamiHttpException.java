package io.github.umamispring;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Umami answered with a status that is neither success nor a refusal of the event: a
 * server error, a gateway error or a rate limit. Carried by {@link UmamiResult.Failed}.
 *
 * @author umami-spring-boot contributors
 */
public class UmamiHttpException extends RuntimeException {

	private final int status;

	private final String responseMessage;

	private final @Nullable Duration retryAfter;

	public UmamiHttpException(int status, String responseMessage) {
		this(status, responseMessage, null);
	}

	/**
	 * Create an exception for an answer that told the client when to try again.
	 * @param status the HTTP status
	 * @param responseMessage the message Umami gave, or the response body
	 * @param retryAfter the wait asked for by the {@code Retry-After} header, or
	 * {@code null} when there was none
	 */
	public UmamiHttpException(int status, String responseMessage, @Nullable Duration retryAfter) {
		super("Umami answered " + status + ": " + responseMessage);
		this.status = status;
		this.responseMessage = responseMessage;
		this.retryAfter = retryAfter;
	}

	public int getStatus() {
		return this.status;
	}

	/**
	 * Return the message Umami gave, or the response body when it gave none.
	 * @return the response message
	 */
	public String getResponseMessage() {
		return this.responseMessage;
	}

	/**
	 * Return how long Umami asked the client to wait before trying again.
	 * @return the {@code Retry-After} wait, or {@code null} when Umami gave none
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
