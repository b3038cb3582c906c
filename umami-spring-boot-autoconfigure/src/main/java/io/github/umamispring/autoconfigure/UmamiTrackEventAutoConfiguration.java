package io.github.umamispring.autoconfigure;

import io.github.umamispring.UmamiTracker;
import io.github.umamispring.aop.TrackEventAdvisor;
import io.github.umamispring.aop.TrackEventHandlerMethodCheck;
import io.github.umamispring.aop.TrackEventInterceptor;
import io.github.umamispring.web.UmamiReactiveVisitorCapture;
import io.github.umamispring.web.UmamiVisitorCapture;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for
 * {@link io.github.umamispring.annotation.TrackEvent @TrackEvent}. Registers an advisor
 * applied by Spring's auto-proxy creator (registering the infrastructure one when the
 * application has none), so no AspectJ weaver is needed.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(after = UmamiAutoConfiguration.class,
		afterName = "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration")
@ConditionalOnClass(Mono.class)
@ConditionalOnBooleanProperty(name = { "umami.enabled", "umami.track-event.enabled" }, matchIfMissing = true)
@ConditionalOnBean(UmamiTracker.class)
@Import(UmamiTrackEventAutoConfiguration.AutoProxyRegistrar.class)
public final class UmamiTrackEventAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static TrackEventAdvisor umamiTrackEventAdvisor(ObjectProvider<UmamiTracker> tracker,
			ObjectProvider<UmamiVisitorCapture> visitorCapture,
			ObjectProvider<UmamiReactiveVisitorCapture> reactiveVisitorCapture, BeanFactory beanFactory) {
		TrackEventInterceptor interceptor = new TrackEventInterceptor(tracker::getObject,
				() -> visitorCapture.getIfAvailable(UmamiVisitorCapture::none),
				() -> reactiveVisitorCapture.getIfAvailable(UmamiReactiveVisitorCapture::none), beanFactory);
		return new TrackEventAdvisor(interceptor);
	}

	/**
	 * Reports at startup the WebFlux handler methods that would record their events
	 * without the visitor, naming each method and the fix.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(RequestMappingHandlerMapping.class)
	static class ReactiveHandlerMethodCheckConfiguration {

		@Bean
		TrackEventHandlerMethodCheck umamiTrackEventHandlerMethodCheck(TrackEventAdvisor advisor,
				ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
			return new TrackEventHandlerMethodCheck(advisor.getInterceptor(), handlerMappings::orderedStream);
		}

	}

	/**
	 * Registers Spring's infrastructure auto-proxy creator unless a more capable one is
	 * registered, proxying classes unless {@code spring.aop.proxy-target-class=false}, as
	 * Spring Boot's own AOP auto-configuration does.
	 */
	static class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

		private @Nullable Environment environment;

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata,
				BeanDefinitionRegistry registry) {
			AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
			boolean proxyTargetClass = (this.environment == null)
					|| this.environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true);
			if (proxyTargetClass) {
				AopConfigUtils.forceAutoProxyCreatorToUseClassProxying(registry);
			}
		}

	}

}
