package io.github.umamispring.autoconfigure;

import java.util.Comparator;
import java.util.List;

import io.github.umamispring.UmamiVisitor;
import io.github.umamispring.web.CapturedVisitor;
import io.github.umamispring.web.ServerWebExchangeThreadLocalAccessor;
import io.github.umamispring.web.ServletUmamiVisitorCapture;
import io.github.umamispring.web.UmamiDistinctIdResolver;
import io.github.umamispring.web.UmamiPageviewFilter;
import io.github.umamispring.web.UmamiPageviewWebFilter;
import io.github.umamispring.web.UmamiPrivacyPolicy;
import io.github.umamispring.web.UmamiVisitorCapture;
import io.github.umamispring.web.WebFluxUmamiVisitorCapture;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiWebAutoConfiguration}.
 */
class UmamiWebAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(UmamiAutoConfiguration.class,
			UmamiWebAutoConfiguration.class);

	private final WebApplicationContextRunner servletContextRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f");

	private final ReactiveWebApplicationContextRunner reactiveContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f");

	@Test
	void registersNothingOutsideWebApplications() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean(UmamiVisitorCapture.class)
				.doesNotHaveBean(ServerWebExchangeContextFilter.class));
	}

	@Test
	void registersNothingWhenUmamiIsDisabled() {
		this.servletContextRunner.withPropertyValues("umami.enabled=false", "umami.pageviews.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(UmamiVisitorCapture.class)
				.doesNotHaveBean(UmamiPageviewFilter.class));
	}

	@Test
	void capturesServletRequestsWithoutPageviewsByDefault() {
		this.servletContextRunner.run((context) -> assertThat(context).hasSingleBean(ServletUmamiVisitorCapture.class)
			.doesNotHaveBean(UmamiPageviewFilter.class)
			.doesNotHaveBean(ServerWebExchangeContextFilter.class));
	}

	@Test
	void appliesPrivacyPropertiesToServletCapture() {
		this.servletContextRunner
			.withPropertyValues("umami.privacy.anonymize-ip=true", "umami.privacy.honor-global-privacy-control=false",
					"umami.privacy.exclude-paths=/internal/**")
			.run((context) -> {
				ServletUmamiVisitorCapture capture = context.getBean(ServletUmamiVisitorCapture.class);
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/pricing");
				request.setRemoteAddr("203.0.113.7");
				request.addHeader("Sec-GPC", "1");
				CapturedVisitor captured = capture.capture(request);
				assertThat(captured.isTracked()).isTrue();
				assertThat(captured.getVisitor()).extracting(UmamiVisitor::ip).isEqualTo("203.0.113.0");
				assertThat(capture.capture(new MockHttpServletRequest("GET", "/internal/jobs")).isTracked()).isFalse();
			});
	}

	@Test
	void sendsNoIpWhenForwardingIsDisabled() {
		this.servletContextRunner.withPropertyValues("umami.privacy.forward-ip=false").run((context) -> {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/pricing");
			request.setRemoteAddr("203.0.113.7");
			assertThat(context.getBean(ServletUmamiVisitorCapture.class).capture(request).getVisitor())
				.extracting(UmamiVisitor::ip)
				.isNull();
		});
	}

	@Test
	void sendsNoUserAgentWhenForwardingIsDisabled() {
		this.servletContextRunner.withPropertyValues("umami.privacy.forward-user-agent=false").run((context) -> {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/pricing");
			request.addHeader("User-Agent", "Mozilla/5.0");
			assertThat(context.getBean(ServletUmamiVisitorCapture.class).capture(request).getVisitor())
				.extracting(UmamiVisitor::userAgent)
				.isNull();
		});
	}

	@Test
	void usesDistinctIdResolver() {
		this.servletContextRunner.withUserConfiguration(DistinctIdConfiguration.class).run((context) -> {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/pricing");
			request.setUserPrincipal(() -> "alice");
			assertThat(context.getBean(ServletUmamiVisitorCapture.class).capture(request).getDistinctId())
				.isEqualTo("user-alice");
		});
	}

	@Test
	void registersServletPageviewFilterWhenEnabled() {
		this.servletContextRunner.withPropertyValues("umami.pageviews.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(UmamiPageviewFilter.class));
	}

	@Test
	void doesNotCaptureServletRequestsWithoutServletApi() {
		this.servletContextRunner.withClassLoader(new FilteredClassLoader(HttpServletRequest.class))
			.withPropertyValues("umami.pageviews.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(UmamiVisitorCapture.class)
				.doesNotHaveBean(UmamiPageviewFilter.class));
	}

	@Test
	void capturesReactiveRequestsThroughTheReactorContext() {
		this.reactiveContextRunner.run((context) -> assertThat(context).hasSingleBean(WebFluxUmamiVisitorCapture.class)
			.hasSingleBean(ServerWebExchangeContextFilter.class)
			.doesNotHaveBean(UmamiPageviewWebFilter.class)
			.doesNotHaveBean(ServletUmamiVisitorCapture.class));
	}

	@Test
	void excludedQueryParametersDefaultToThePolicysDefaults() {
		assertThat(new UmamiProperties().getPrivacy().getExcludeQueryParameters())
			.containsExactlyElementsOf(UmamiPrivacyPolicy.DEFAULT_EXCLUDED_QUERY_PARAMETERS);
		assertThat(new UmamiProperties().getPrivacy().getExcludeQueryParametersExact())
			.containsExactlyElementsOf(UmamiPrivacyPolicy.DEFAULT_EXCLUDED_QUERY_PARAMETERS_EXACT);
	}

	@Test
	void repeatedContextRefreshesLeaveTheContextRegistryAlone() {
		ContextRegistry registry = ContextRegistry.getInstance();
		List<ThreadLocalAccessor<?>> before = List.copyOf(registry.getThreadLocalAccessors());
		assertThat(before).anyMatch((accessor) -> accessor instanceof ServerWebExchangeThreadLocalAccessor);
		for (int i = 0; i < 3; i++) {
			this.reactiveContextRunner
				.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(WebFluxUmamiVisitorCapture.class));
		}
		// the same accessors, not new ones registered again by each refresh
		assertThat(registry.getThreadLocalAccessors()).usingElementComparator(identity()).isEqualTo(before);
	}

	private static Comparator<Object> identity() {
		return (left, right) -> (left == right) ? 0 : 1;
	}

	@Test
	void capturesReactiveRequestsWithoutContextPropagationLibrary() {
		this.reactiveContextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.context"))
			.run((context) -> assertThat(context).hasSingleBean(WebFluxUmamiVisitorCapture.class));
	}

	@Test
	void registersReactivePageviewFilterWhenEnabled() {
		this.reactiveContextRunner.withPropertyValues("umami.pageviews.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(UmamiPageviewWebFilter.class));
	}

	@Test
	void backsOffWhenUserDefinesBeans() {
		this.reactiveContextRunner.withUserConfiguration(CustomReactiveConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(ServerWebExchangeContextFilter.class)
				.hasBean("customExchangeFilter")
				.hasSingleBean(UmamiVisitorCapture.class)
				.hasBean("customCapture"));
	}

	@Test
	void doesNotRegisterPageviewFiltersWhenTrackingIsDisabledAndNoTrackerExists() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(UmamiWebAutoConfiguration.class))
			.withPropertyValues("umami.pageviews.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(UmamiPageviewFilter.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class DistinctIdConfiguration {

		@Bean
		UmamiDistinctIdResolver distinctIdResolver() {
			return (principal) -> "user-" + principal.getName();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomReactiveConfiguration {

		@Bean
		ServerWebExchangeContextFilter customExchangeFilter() {
			return new ServerWebExchangeContextFilter();
		}

		@Bean
		WebFluxUmamiVisitorCapture customCapture() {
			return new WebFluxUmamiVisitorCapture(UmamiPrivacyPolicy.defaults(), null);
		}

	}

}
