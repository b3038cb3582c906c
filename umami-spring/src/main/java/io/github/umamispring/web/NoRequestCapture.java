package io.github.umamispring.web;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * {@link UmamiRequestCapture} that never sees a request.
 *
 * @author umami-spring-boot contributors
 */
final class NoRequestCapture implements UmamiRequestCapture {

	static final NoRequestCapture INSTANCE = new NoRequestCapture();

	private NoRequestCapture() {
	}

	@Override
	public @Nullable CapturedRequest captureCurrentRequest() {
		return null;
	}

	@Override
	public Mono<CapturedRequest> capture(ContextView context) {
		return Mono.empty();
	}

}
