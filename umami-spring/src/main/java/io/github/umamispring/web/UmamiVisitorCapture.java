package io.github.umamispring.web;

import org.jspecify.annotations.Nullable;

/**
 * Captures the visitor of the HTTP request the calling thread handles: a servlet request
 * bound by Spring MVC, or a WebFlux exchange restored on the thread by Reactor's
 * automatic context propagation. The auto-configured implementation matches the
 * application's web stack.
 *
 * @author umami-spring-boot contributors
 * @see ServletUmamiVisitorCapture
 * @see WebFluxUmamiVisitorCapture
 * @see UmamiReactiveVisitorCapture
 */
@FunctionalInterface
public interface UmamiVisitorCapture {

	/**
	 * Capture the visitor of the request bound to the calling thread. Call it on the
	 * thread that handles the request: the request is not visible from other threads.
	 * @return the capture, or {@code null} when no request is bound to the thread
	 */
	@Nullable CapturedVisitor captureCurrentVisitor();

	/**
	 * Return a capture that never sees a request, for applications without a web stack:
	 * every event is sent with the configured defaults.
	 * @return the capture
	 */
	static UmamiVisitorCapture none() {
		return () -> null;
	}

}
