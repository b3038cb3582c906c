package io.github.umamispring.client;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * The auto-configured {@link UmamiTracker}: fills in the configured defaults, writes the
 * request and hands it to a {@link UmamiTransport}.
 *
 * @author umami-spring-boot contributors
 */
public class DefaultUmamiTracker implements UmamiTracker {

	private static final Log logger = LogFactory.getLog(DefaultUmamiTracker.class);

	private final UmamiRequestFactory requestFactory;

	private final UmamiTransport transport;

	private final UmamiCacheTokens cacheTokens;

	private final RepeatedProblemLog problemLog = new RepeatedProblemLog(logger);

	public DefaultUmamiTracker(UmamiRequestFactory requestFactory, UmamiTransport transport,
			UmamiCacheTokens cacheTokens) {
		Assert.notNull(requestFactory, "'requestFactory' must not be null");
		Assert.notNull(transport, "'transport' must not be null");
		Assert.notNull(cacheTokens, "'cacheTokens' must not be null");
		this.requestFactory = requestFactory;
		this.transport = transport;
		this.cacheTokens = cacheTokens;
	}

	@Override
	public Mono<UmamiResult> track(UmamiEvent event) {
		Assert.notNull(event, "'event' must not be null");
		return Mono.defer(() -> send(event)).onErrorResume((ex) -> Mono.just(new UmamiResult.Failed(ex)));
	}

	private Mono<UmamiResult> send(UmamiEvent event) {
		String website = this.requestFactory.websiteFor(event);
		UmamiEvent withToken = (event.getCacheToken() != null) ? event
				: event.toBuilder().cacheToken(this.cacheTokens.get(website, event)).build();
		return this.transport.send(this.requestFactory.createRequest(withToken)).doOnNext((result) -> {
			if (result instanceof UmamiResult.Accepted accepted && accepted.cacheToken() != null) {
				this.cacheTokens.put(website, event, accepted.cacheToken());
			}
		});
	}

	@Override
	public void submit(@Nullable UmamiEvent event) {
		if (event == null) {
			this.problemLog.warn("null-event", "Ignored a null Umami event");
			return;
		}
		try {
			track(event).subscribe((result) -> logResult(event, result),
					(ex) -> this.problemLog.warn(ex.getClass().getName(), "Umami event " + event + " failed", ex));
		}
		catch (RuntimeException ex) {
			this.problemLog.warn(ex.getClass().getName(), "Umami event " + event + " could not be sent", ex);
		}
	}

	private void logResult(UmamiEvent event, UmamiResult result) {
		if (result instanceof UmamiResult.Rejected rejected) {
			this.problemLog.warn("rejected:" + rejected.status() + ":" + rejected.message(),
					"Umami rejected " + event + " with " + rejected.status() + ": " + rejected.message());
		}
		else if (result instanceof UmamiResult.Failed failed) {
			this.problemLog.warn("failed:" + failed.cause().getClass().getName(),
					"Umami event " + event + " was not delivered: " + failed.cause(), null);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(LogMessage.format("Umami answered %s for %s", result, event));
		}
	}

}
