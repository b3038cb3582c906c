package io.github.umamispring.transport;

import io.github.umamispring.UmamiResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.log.LogMessage;

/**
 * Dry-run transport: logs at INFO the exact JSON each event would be sent as, and sends
 * nothing.
 *
 * @author umami-spring-boot contributors
 */
final class LoggingUmamiTransport implements UmamiTransport {

	private static final Log logger = LogFactory.getLog(LoggingUmamiTransport.class);

	/**
	 * The result of every event in dry-run mode.
	 */
	private static final UmamiResult.Dropped DRY_RUN = new UmamiResult.Dropped(
			"dry run: the event was logged, not sent");

	@Override
	public Mono<UmamiResult> send(UmamiRequest request) {
		return Mono.fromSupplier(() -> {
			logger.info(LogMessage.format("Umami dry run, would send (User-Agent: %s): %s", request.userAgent(),
					request.body()));
			return DRY_RUN;
		});
	}

}
