package io.github.umamispring.transport;

import java.util.List;

import io.github.umamispring.UmamiResult;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Umami's answer to a batch of events: either one result per event, in the order they
 * were sent, or a result for the batch as a whole when the request itself failed or was
 * refused.
 *
 * @param failure the result for the whole batch when the request failed or was refused,
 * else {@code null}
 * @param results the result of each event when the batch was processed, else empty
 * @param cacheToken the {@code cache} token of the response, if any
 * @author umami-spring-boot contributors
 */
public record UmamiBatchResponse(@Nullable UmamiResult failure, List<UmamiResult> results,
		@Nullable String cacheToken) {

	public UmamiBatchResponse {
		Assert.notNull(results, "'results' must not be null");
		Assert.isTrue((failure == null) != results.isEmpty(), "Either 'failure' or 'results' must be given");
	}

	/**
	 * Create a response for a batch that was processed.
	 * @param results the result of each event, in order
	 * @param cacheToken the {@code cache} token of the response, if any
	 * @return the response
	 */
	public static UmamiBatchResponse of(List<UmamiResult> results, @Nullable String cacheToken) {
		return new UmamiBatchResponse(null, List.copyOf(results), cacheToken);
	}

	/**
	 * Create a response for a batch request that failed or was refused as a whole.
	 * @param failure the result for every event of the batch
	 * @return the response
	 */
	public static UmamiBatchResponse failed(UmamiResult failure) {
		return new UmamiBatchResponse(failure, List.of(), null);
	}

	/**
	 * Whether the server has no batch endpoint: it answered 404 or 405.
	 * @return whether to fall back to one request per event
	 */
	public boolean isUnsupported() {
		return this.failure instanceof UmamiResult.Rejected rejected
				&& (rejected.status() == 404 || rejected.status() == 405);
	}

	/**
	 * Return the results, with the cache token masked.
	 */
	@Override
	public String toString() {
		return "UmamiBatchResponse[failure=" + this.failure + ", results=" + this.results + ", cacheToken="
				+ ((this.cacheToken != null) ? "******" : null) + "]";
	}

}
