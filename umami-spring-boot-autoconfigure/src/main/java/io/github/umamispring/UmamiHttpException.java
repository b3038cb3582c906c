package io.github.umamispring;

/**
 * Umami answered with a status that is neither success nor a refusal of the event: a
 * server error, a gateway error or a rate limit. Carried by {@link UmamiResult.Failed}.
 *
 * @author umami-spring-boot contributors
 */
public class UmamiHttpException extends RuntimeException {

	private final int status;

	private final String responseMessage;

	public UmamiHttpException(int status, String responseMessage) {
		super("Umami answered " + status + ": " + responseMessage);
		this.status = status;
		this.responseMessage = responseMessage;
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

}
