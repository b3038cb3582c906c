package io.github.umamispring.autoconfigure;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.umamispring.UmamiVisitor;
import io.github.umamispring.web.CapturedVisitor;
import io.github.umamispring.web.UmamiVisitorTaskDecorator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskExecutor;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiTaskExecutionAutoConfiguration}.
 */
class UmamiTaskExecutionAutoConfigurationTests {

	private static final ThreadLocal<String> tenant = new ThreadLocal<>();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UmamiAutoConfiguration.class, UmamiTrackEventAutoConfiguration.class,
				UmamiWebAutoConfiguration.class, UmamiTaskExecutionAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class))
		.withPropertyValues("umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f");

	@AfterEach
	void resetRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void handsTheVisitorOfARequestToTheTasksOfBootsExecutor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(UmamiVisitorTaskDecorator.class);
			CapturedVisitor visitor = runInRequest(context.getBean("applicationTaskExecutor", TaskExecutor.class),
					UmamiVisitorTaskDecorator::getHandedOverVisitor);
			assertThat(visitor).isNotNull();
			assertThat(visitor.getVisitor()).extracting(UmamiVisitor::ip, UmamiVisitor::userAgent)
				.containsExactly("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64)");
		});
	}

	@Test
	void keepsTheApplicationsTaskDecoratorWorking() {
		this.contextRunner.withBean(TaskDecorator.class, () -> (runnable) -> () -> {
			tenant.set("acme");
			try {
				runnable.run();
			}
			finally {
				tenant.remove();
			}
		}).run((context) -> {
			TaskExecutor executor = context.getBean("applicationTaskExecutor", TaskExecutor.class);
			assertThat(runInRequest(executor, tenant::get)).isEqualTo("acme");
			assertThat(runInRequest(executor, UmamiVisitorTaskDecorator::getHandedOverVisitor)).isNotNull();
		});
	}

	@Test
	void backsOffWhenTheUserDefinesOne() {
		UmamiVisitorTaskDecorator own = new UmamiVisitorTaskDecorator(() -> null);
		this.contextRunner.withBean(UmamiVisitorTaskDecorator.class, () -> own)
			.run((context) -> assertThat(context).getBean(UmamiVisitorTaskDecorator.class).isSameAs(own));
	}

	@Test
	void backsOffWhenTrackEventIsDisabled() {
		this.contextRunner.withPropertyValues("umami.track-event.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(UmamiVisitorTaskDecorator.class));
	}

	@Test
	void backsOffOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(UmamiAutoConfiguration.class, UmamiTrackEventAutoConfiguration.class,
							UmamiWebAutoConfiguration.class, UmamiTaskExecutionAutoConfiguration.class))
			.withPropertyValues("umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f")
			.run((context) -> assertThat(context).doesNotHaveBean(UmamiVisitorTaskDecorator.class));
	}

	private static <T> T runInRequest(TaskExecutor executor, Supplier<T> task) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		request.setRemoteAddr("203.0.113.7");
		request.addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)");
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		AtomicReference<T> seen = new AtomicReference<>();
		CountDownLatch done = new CountDownLatch(1);
		executor.execute(() -> {
			seen.set(task.get());
			done.countDown();
		});
		RequestContextHolder.resetRequestAttributes();
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		return seen.get();
	}

}
