package io.github.umamispring.aop;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.umamispring.annotation.TrackEvent;
import org.aopalliance.aop.Advice;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMethodMatcher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * Advisor that applies a {@link TrackEventInterceptor} to methods annotated, directly or
 * through a composed annotation, with {@link TrackEvent @TrackEvent}. Applied by Spring's
 * auto-proxy creator: no AspectJ weaver is needed.
 * <p>
 * Ordered {@link #DEFAULT_ORDER} by default, outside the advisors of
 * {@code @Transactional} (whose order is {@link Ordered#LOWEST_PRECEDENCE} unless the
 * application sets another, as Spring Security's documentation suggests with {@code 0}),
 * {@code @Cacheable}, {@code @Retryable} and Spring Security's method security: the event
 * is recorded once the call as a whole succeeded, after the transaction committed, and
 * not for a call whose commit failed. {@link #setOrder(int)} changes it.
 * <p>
 * What an annotation fixes in code is checked when its bean is proxied, at startup: an
 * event name Umami refuses (over 50 characters, or starting with a spreadsheet formula
 * character) or an expression that does not parse fails the application with an
 * {@link IllegalStateException} naming the method.
 *
 * @author umami-spring-boot contributors
 */
public class TrackEventAdvisor extends AbstractPointcutAdvisor {

	/**
	 * Order of the advisor unless {@link #setOrder(int) set}: before (outside) any
	 * advisor ordered {@code 0} or later, such as a transaction advisor ordered
	 * {@code 0}, and Spring Security's method interceptors (ordered from {@code 100}).
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	private final Pointcut pointcut = new ComposablePointcut(new CheckingClassFilter(),
			new AnnotationMethodMatcher(TrackEvent.class, true));

	private final TrackEventInterceptor interceptor;

	public TrackEventAdvisor(TrackEventInterceptor interceptor) {
		Assert.notNull(interceptor, "'interceptor' must not be null");
		this.interceptor = interceptor;
		setOrder(DEFAULT_ORDER);
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

	/**
	 * Matches the classes that may carry {@link TrackEvent @TrackEvent}, checking the
	 * annotations of each class once, when the auto-proxy creator first asks about it.
	 */
	private static final class CheckingClassFilter implements ClassFilter {

		private final Set<Class<?>> checked = ConcurrentHashMap.newKeySet();

		@Override
		public boolean matches(Class<?> clazz) {
			if (!AnnotationUtils.isCandidateClass(clazz, TrackEvent.class)) {
				return false;
			}
			if (!this.checked.contains(clazz)) {
				ReflectionUtils.doWithMethods(clazz, (method) -> {
					TrackEvent annotation = AnnotatedElementUtils.findMergedAnnotation(method, TrackEvent.class);
					if (annotation != null) {
						TrackEventOperationSource.check(method, annotation);
					}
				});
				this.checked.add(clazz);
			}
			return true;
		}

	}

}
