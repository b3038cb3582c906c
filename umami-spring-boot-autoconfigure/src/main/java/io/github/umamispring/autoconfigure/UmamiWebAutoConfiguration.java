package io.github.umamispring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.umamispring.UmamiTracker;
import io.github.umamispring.web.ServletUmamiVisitorCapture;
import io.github.umamispring.web.UmamiDistinctIdResolver;
import io.github.umamispring.web.UmamiPageviewFilter;
import io.github.umamispring.web.UmamiPageviewWebFilter;
import io.github.umamispring.web.UmamiPageviews;
import io.github.umamispring.web.UmamiPrivacyPolicy;
import io.github.umamispring.web.UmamiReactiveVisitorCapture;
import io.github.umamispring.web.UmamiVisitorCapture;
import io.github.umamispring.web.WebFluxUmamiVisitorCapture;
import jakarta.servlet.http.HttpServletRequest;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for capturing the visitor of servlet and WebFlux requests, and for
 * server-side pageviews.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(after = UmamiAutoConfiguration.class)
@ConditionalOnClass(Mono.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "umami.enabled", matchIfMissing = true)
@EnableConfigurationProperties(UmamiProperties.class)
public final class UmamiWebAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ HttpServletRequest.class, RequestContextHolder.class })
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean(UmamiVisitorCapture.class)
		ServletUmamiVisitorCapture umamiVisitorCapture(UmamiProperties properties,
				ObjectProvider<UmamiDistinctIdResolver> distinctIdResolver) {
			return new ServletUmamiVisitorCapture(privacyPolicy(properties), distinctIdResolver.getIfUnique());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBooleanProperty("umami.pageviews.enabled")
		@ConditionalOnBean(UmamiTracker.class)
		static class ServletPageviewConfiguration {

			@Bean
			@ConditionalOnMissingBean
			UmamiPageviewFilter umamiPageviewFilter(UmamiTracker tracker,
					ObjectProvider<ServletUmamiVisitorCapture> visitorCapture,
					ObjectProvider<UmamiDistinctIdResolver> distinctIdResolver, UmamiProperties properties,
					Environment environment) {
				return new UmamiPageviewFilter(tracker,
						visitorCapture.getIfAvailable(() -> new ServletUmamiVisitorCapture(privacyPolicy(properties),
								distinctIdResolver.getIfUnique())),
						pageviews(properties, environment));
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass({ ServerWebExchange.class, ServerWebExchangeContextFilter.class })
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServerWebExchangeContextFilter serverWebExchangeContextFilter() {
			return new ServerWebExchangeContextFilter();
		}

		@Bean
		@ConditionalOnMissingBean({ UmamiVisitorCapture.class, UmamiReactiveVisitorCapture.class })
		WebFluxUmamiVisitorCapture umamiVisitorCapture(UmamiProperties properties,
				ObjectProvider<UmamiDistinctIdResolver> distinctIdResolver) {
			return new WebFluxUmamiVisitorCapture(privacyPolicy(properties), distinctIdResolver.getIfUnique());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBooleanProperty("umami.pageviews.enabled")
		@ConditionalOnBean(UmamiTracker.class)
		static class ReactivePageviewConfiguration {

			@Bean
			@ConditionalOnMissingBean
			UmamiPageviewWebFilter umamiPageviewWebFilter(UmamiTracker tracker,
					ObjectProvider<WebFluxUmamiVisitorCapture> visitorCapture,
					ObjectProvider<UmamiDistinctIdResolver> distinctIdResolver, UmamiProperties properties,
					Environment environment) {
				return new UmamiPageviewWebFilter(tracker,
						visitorCapture.getIfAvailable(() -> new WebFluxUmamiVisitorCapture(privacyPolicy(properties),
								distinctIdResolver.getIfUnique())),
						pageviews(properties, environment));
			}

		}

	}

	private static UmamiPrivacyPolicy privacyPolicy(UmamiProperties properties) {
		UmamiProperties.Privacy privacy = properties.getPrivacy();
		return UmamiPrivacyPolicy.defaults()
			.withForwardIp(privacy.isForwardIp())
			.withForwardUserAgent(privacy.isForwardUserAgent())
			.withAnonymizeIp(privacy.isAnonymizeIp())
			.withExcludeQuery(privacy.isExcludeQuery())
			.withExcludeQueryParameters(List.of(privacy.getExcludeQueryParameters()))
			.withExcludeQueryParametersExact(List.of(privacy.getExcludeQueryParametersExact()))
			.withHonorGlobalPrivacyControl(privacy.isHonorGlobalPrivacyControl())
			.withExcludePaths(privacy.getExcludePaths());
	}

	private static UmamiPageviews pageviews(UmamiProperties properties, Environment environment) {
		List<String> excludePaths = new ArrayList<>(properties.getPageviews().getExcludePaths());
		String actuatorBasePath = environment.getProperty("management.endpoints.web.base-path");
		if (actuatorBasePath != null && actuatorBasePath.startsWith("/") && actuatorBasePath.length() > 1) {
			excludePaths.add(actuatorBasePath);
			excludePaths.add(actuatorBasePath + "/**");
		}
		return new UmamiPageviews(properties.getPageviews().getIncludePaths(), excludePaths);
	}

}
