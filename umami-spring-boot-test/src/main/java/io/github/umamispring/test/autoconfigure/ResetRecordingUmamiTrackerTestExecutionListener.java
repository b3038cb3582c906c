package io.github.umamispring.test.autoconfigure;

import io.github.umamispring.test.RecordingUmamiTracker;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * {@link TestExecutionListener} that clears every {@link RecordingUmamiTracker} bean
 * after each test method, so that a cached application context does not carry one test's
 * events into the next.
 *
 * @author umami-spring-boot contributors
 */
public class ResetRecordingUmamiTrackerTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			ApplicationContext context = testContext.getApplicationContext();
			context.getBeanProvider(RecordingUmamiTracker.class).orderedStream().forEach(RecordingUmamiTracker::clear);
		}
	}

}
