package io.github.umamispring.autoconfigure;

import io.github.umamispring.NoOpUmamiTracker;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.aop.TrackEventAdvisor;
import io.github.umamispring.aop.TrackEventInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiTrackEventAutoConfiguration}.
 */
class UmamiTrackEventAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UmamiAutoConfiguration.class, UmamiTrackEventAutoConfiguration.class))
		.withPropertyValues("umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f")
		.withUserConfiguration(TrackedServiceConfiguration.class);

	@Test
	void proxiesAnnotatedBeansWithoutAspectJ() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TrackEventAdvisor.class);
			assertThat(AopUtils.isCglibProxy(context.getBean(TrackedService.class))).isTrue();
			assertThat(AopUtils.isAopProxy(context.getBean(UntrackedService.class))).isFalse();
		});
	}

	@Test
	void proxiesInterfacesWhenClassProxyingIsDisabled() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.run((context) -> assertThat(AopUtils.isJdkDynamicProxy(context.getBean(Tracked.class))).isTrue());
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("umami.track-event.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TrackEventAdvisor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(TrackedService.class))).isFalse();
		});
	}

	@Test
	void backsOffWithoutTracker() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UmamiTrackEventAutoConfiguration.class))
			.withUserConfiguration(TrackedServiceConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(TrackEventAdvisor.class));
	}

	@Test
	void appliesToUserDefinedTracker() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UmamiTrackEventAutoConfiguration.class))
			.withUserConfiguration(TrackedServiceConfiguration.class)
			.withBean(UmamiTracker.class, NoOpUmamiTracker::new)
			.run((context) -> assertThat(AopUtils.isAopProxy(context.getBean(TrackedService.class))).isTrue());
	}

	@Test
	void backsOffWhenUserDefinesAdvisor() {
		this.contextRunner.withUserConfiguration(CustomAdvisorConfiguration.class)
			.run((context) -> assertThat(context).getBean(TrackEventAdvisor.class)
				.isSameAs(context.getBean(CustomAdvisorConfiguration.class).advisor));
	}

	@Test
	void backsOffWhenUmamiIsDisabled() {
		this.contextRunner.withPropertyValues("umami.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TrackEventAdvisor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(TrackedService.class))).isFalse();
		});
	}

	@Test
	void failsAtStartupWhenAnEventNameIsOneUmamiRefuses() {
		this.contextRunner.withBean(MisnamedService.class)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("java.lang.IllegalStateException: @TrackEvent on public java.lang.String "
						+ MisnamedService.class.getName() + ".misnamed() names an event that Umami refuses: Event name"
						+ " 'this-name-is-fifty-one-characters-long-which-is-one' is 51 characters long;"
						+ " Umami accepts at most 50"));
		this.contextRunner.withBean(FormulaNamedService.class)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("IllegalStateException: @TrackEvent on public java.lang.String "
						+ FormulaNamedService.class.getName()
						+ ".formula() names an event that Umami refuses: Event name '=SUM(A1)' starts with '='"));
	}

	@Test
	void failsAtStartupWhenAnExpressionDoesNotParse() {
		this.contextRunner.withBean(UnparsableService.class)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("IllegalStateException: @TrackEvent on public java.lang.String "
						+ UnparsableService.class.getName()
						+ ".unparsable() has a data expression that does not parse: '{plan: }'"));
	}

	interface Tracked {

		String call();

	}

	static class TrackedService implements Tracked {

		@Override
		@TrackEvent("called")
		public String call() {
			return "called";
		}

	}

	static class MisnamedService {

		@TrackEvent("fine")
		public String fine() {
			return "fine";
		}

		@TrackEvent("this-name-is-fifty-one-characters-long-which-is-one")
		public String misnamed() {
			return "misnamed";
		}

	}

	static class FormulaNamedService {

		@TrackEvent("=SUM(A1)")
		public String formula() {
			return "formula";
		}

	}

	static class UnparsableService {

		@TrackEvent(name = "fine", data = "{plan: }")
		public String unparsable() {
			return "unparsable";
		}

	}

	static class UntrackedService {

		String call() {
			return "called";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TrackedServiceConfiguration {

		@Bean
		TrackedService trackedService() {
			return new TrackedService();
		}

		@Bean
		UntrackedService untrackedService() {
			return new UntrackedService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomAdvisorConfiguration {

		final TrackEventAdvisor advisor = new TrackEventAdvisor(new TrackEventInterceptor(() -> {
			throw new IllegalStateException("not used");
		}, () -> {
			throw new IllegalStateException("not used");
		}, () -> {
			throw new IllegalStateException("not used");
		}, null));

		@Bean
		TrackEventAdvisor customTrackEventAdvisor() {
			return this.advisor;
		}

	}

}
