package io.github.umamispring;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.lang.CheckReturnValue;
import org.springframework.util.Assert;

/**
 * A {@link UmamiTracker} that hands every call to another one: the base class of a
 * tracker that wraps the default, to decorate or watch what is tracked. Declared as a
 * bean in place of the auto-configured tracker, it keeps what the wrapped tracker is
 * known by: the {@code umami.*} metrics find a {@code DefaultUmamiTracker} through it
 * ({@link #unwrap(UmamiTracker, Class)}), and its lifecycle (start, and at shutdown the
 * delivery of what is queued) is the wrapped tracker's. Wrap a tracker that is not a bean
 * itself, so that the container starts and stops it once.
 *
 * @author umami-spring-boot contributors
 */
public class DelegatingUmamiTracker implements UmamiTracker, SmartLifecycle, DisposableBean {

	private final UmamiTracker targetTracker;

	/**
	 * Create a tracker that hands every call to the given one.
	 * @param targetTracker the tracker to wrap
	 */
	public DelegatingUmamiTracker(UmamiTracker targetTracker) {
		Assert.notNull(targetTracker, "'targetTracker' must not be null");
		this.targetTracker = targetTracker;
	}

	/**
	 * Return the tracker this one hands every call to.
	 * @return the wrapped tracker
	 */
	public UmamiTracker getTargetTracker() {
		return this.targetTracker;
	}

	/**
	 * Return the tracker of the given type that the given one is or wraps, through any
	 * number of {@code DelegatingUmamiTracker}s.
	 * @param <T> the type of tracker
	 * @param tracker the tracker
	 * @param type the type of tracker to find
	 * @return the tracker, or {@code null} when it is neither of that type nor wraps one
	 */
	public static <T extends UmamiTracker> @Nullable T unwrap(UmamiTracker tracker, Class<T> type) {
		UmamiTracker current = tracker;
		while (!type.isInstance(current) && current instanceof DelegatingUmamiTracker delegating) {
			current = delegating.getTargetTracker();
		}
		return type.isInstance(current) ? type.cast(current) : null;
	}

	@Override
	public void track(UmamiEvent event) {
		this.targetTracker.track(event);
	}

	@Override
	@CheckReturnValue
	public Mono<UmamiResult> send(UmamiEvent event) {
		return this.targetTracker.send(event);
	}

	@Override
	@CheckReturnValue
	public Mono<Void> flush() {
		return this.targetTracker.flush();
	}

	@Override
	public void start() {
		if (this.targetTracker instanceof Lifecycle lifecycle) {
			lifecycle.start();
		}
	}

	@Override
	public void stop() {
		if (this.targetTracker instanceof Lifecycle lifecycle) {
			lifecycle.stop();
		}
	}

	@Override
	public void stop(Runnable callback) {
		if (this.targetTracker instanceof SmartLifecycle lifecycle) {
			lifecycle.stop(callback);
		}
		else {
			stop();
			callback.run();
		}
	}

	@Override
	public boolean isRunning() {
		return this.targetTracker instanceof Lifecycle lifecycle && lifecycle.isRunning();
	}

	@Override
	public int getPhase() {
		return (this.targetTracker instanceof SmartLifecycle lifecycle) ? lifecycle.getPhase() : DEFAULT_PHASE;
	}

	@Override
	public void destroy() throws Exception {
		if (this.targetTracker instanceof DisposableBean disposable) {
			disposable.destroy();
		}
	}

}
