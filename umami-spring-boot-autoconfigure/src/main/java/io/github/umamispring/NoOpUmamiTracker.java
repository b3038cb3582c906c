package io.github.umamispring;

import reactor.core.publisher.Mono;

/**
 * A {@link UmamiTracker} that sends nothing: the bean registered when
 * {@code umami.enabled=false}, so injection points keep working.
 *
 * @author umami-spring-boot contributors
 */
public final class NoOpUmamiTracker implements UmamiTracker {

	private static final Mono<UmamiResult> DISABLED = Mono.just(new UmamiResult.Dropped("Umami tracking is disabled"));

	@Override
	public Mono<UmamiResult> track(UmamiEvent event) {
		return DISABLED;
	}

	@Override
	public void submit(UmamiEvent event) {
	}

	@Override
	public Mono<Void> flush() {
		return Mono.empty();
	}

}
