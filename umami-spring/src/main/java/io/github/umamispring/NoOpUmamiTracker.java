package io.github.umamispring;

import reactor.core.publisher.Mono;

import org.springframework.lang.CheckReturnValue;

/**
 * A {@link UmamiTracker} that sends nothing: the bean registered when
 * {@code umami.enabled=false}, so injection points keep working.
 *
 * @author umami-spring-boot contributors
 */
public final class NoOpUmamiTracker implements UmamiTracker {

	private static final Mono<UmamiResult> DISABLED = Mono.just(new UmamiResult.Dropped("Umami tracking is disabled"));

	@Override
	public void track(UmamiEvent event) {
	}

	@Override
	@CheckReturnValue
	public Mono<UmamiResult> send(UmamiEvent event) {
		return DISABLED;
	}

	@Override
	@CheckReturnValue
	public Mono<Void> flush() {
		return Mono.empty();
	}

}
