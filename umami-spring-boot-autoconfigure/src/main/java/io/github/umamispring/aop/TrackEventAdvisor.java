package io.github.umamispring.aop;

import io.github.umamispring.annotation.TrackEvent;
import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.util.Assert;

/**
 * Advisor that applies a {@link TrackEventInterceptor} to methods annotated, directly or
 * through a composed annotation, with {@link TrackEvent @TrackEvent}. Applied by Spring's
 * auto-proxy creator: no AspectJ weaver is needed.
 *
 * @author umami-spring-boot contributors
 */
public class TrackEventAdvisor extends AbstractPointcutAdvisor {

	private final Pointcut pointcut = new AnnotationMatchingPointcut(null, TrackEvent.class, true);

	private final TrackEventInterceptor interceptor;

	public TrackEventAdvisor(TrackEventInterceptor interceptor) {
		Assert.notNull(interceptor, "'interceptor' must not be null");
		this.interceptor = interceptor;
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

	public TrackEventInterceptor getInterceptor() {
		return this.interceptor;
	}

}
