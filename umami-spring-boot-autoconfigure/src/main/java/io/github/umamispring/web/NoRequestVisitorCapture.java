package io.github.umamispring.web;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * {@link UmamiVisitorCapture} that never sees a request.
 *
 * @author umami-spring-boot contributors
 */
final class NoRequestVisitorCapture implements UmamiVisitorCapture {

	static final NoRequestVisitorCapture INSTANCE = new NoRequestVisitorCapture();

	private NoRequestVisitorCapture() {
	}

	@Override
	public @Nullable CapturedVisitor captureCurrentRequest() {
		return null;
	}

	@Override
	public Mono<CapturedVisitor> capture(ContextView context) {
		return Mono.empty();
	}

}
