package io.github.umamispring.client;

import io.github.umamispring.UmamiResult;
import reactor.core.publisher.Mono;

/**
 * Delivers one request to Umami's collection endpoint.
 *
 * @author umami-spring-boot contributors
 */
@FunctionalInterface
public interface UmamiTransport {

	/**
	 * Send the request when the returned {@code Mono} is subscribed to.
	 * @param request the request
	 * @return Umami's verdict; never an error signal
	 */
	Mono<UmamiResult> send(UmamiRequest request);

}
