package io.github.umamispring.delivery;

import java.util.List;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.transport.UmamiRequest;

/**
 * Opens the tracker's package-private request writer to the benchmarks, which measure it
 * and feed the reference clients the same bodies the tracker sends.
 *
 * @author umami-spring-boot contributors
 */
public final class BenchmarkRequests {

	private final UmamiRequestFactory factory;

	public BenchmarkRequests(UmamiEventDefaults defaults) {
		this.factory = new UmamiRequestFactory(defaults);
	}

	public UmamiRequest request(UmamiEvent event) {
		return this.factory.createRequest(event, null);
	}

	public UmamiRequest batchRequest(List<UmamiEvent> events) {
		return this.factory.createBatchRequest(events, null);
	}

}
