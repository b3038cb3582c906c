package io.github.umamispring.test.autoconfigure;

import io.github.umamispring.NoOpUmamiTracker;
import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.autoconfigure.UmamiAutoConfiguration;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import io.github.umamispring.test.RecordingUmamiTracker;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RecordingUmamiTrackerAutoConfiguration}.
 *
 * @author umami-spring-boot contributors
 */
class RecordingUmamiTrackerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(UmamiAutoConfiguration.class, RecordingUmamiTrackerAutoConfiguration.class))
		.withPropertyValues("umami.host-url=http://localhost:3000",
				"umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f");

	@Test
	void realTrackerIsConfiguredWithoutRecordingAutoConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UmamiAutoConfiguration.class))
			.withPropertyValues("umami.host-url=http://localhost:3000",
					"umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f")
			.run((context) -> assertThat(context).hasSingleBean(UmamiTracker.class)
				.hasSingleBean(DefaultUmamiTracker.class));
	}

	@Test
	void recordingTrackerReplacesRealTracker() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(UmamiTracker.class)
				.hasSingleBean(RecordingUmamiTracker.class)
				.doesNotHaveBean(DefaultUmamiTracker.class);
			assertThat(context.getBean(UmamiTracker.class)).isSameAs(context.getBean(RecordingUmamiTracker.class));
		});
	}

	@Test
	void recordingTrackerReplacesDisabledTracker() {
		this.contextRunner.withPropertyValues("umami.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(UmamiTracker.class)
				.hasSingleBean(RecordingUmamiTracker.class)
				.doesNotHaveBean(NoOpUmamiTracker.class));
	}

	@Test
	void recordingTrackerIsPrimaryOverTrackerDefinedByApplication() {
		this.contextRunner.withUserConfiguration(CustomTrackerConfiguration.class).run((context) -> {
			assertThat(context).getBeans(UmamiTracker.class).hasSize(2);
			assertThat(context.getBean(UmamiTracker.class)).isSameAs(context.getBean(RecordingUmamiTracker.class));
		});
	}

	@Test
	void backsOffWhenTestDefinesRecordingTracker() {
		this.contextRunner.withUserConfiguration(CustomRecordingTrackerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(RecordingUmamiTracker.class)
				.getBean(RecordingUmamiTracker.class)
				.isSameAs(context.getBean("customRecordingTracker")));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomTrackerConfiguration {

		@Bean
		UmamiTracker customTracker() {
			return new UmamiTracker() {

				@Override
				public void track(UmamiEvent event) {
				}

				@Override
				public Mono<UmamiResult> send(UmamiEvent event) {
					return Mono.just(new UmamiResult.Dropped("custom"));
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomRecordingTrackerConfiguration {

		@Bean
		RecordingUmamiTracker customRecordingTracker() {
			return new RecordingUmamiTracker();
		}

	}

}
