package io.github.umamispring.test.autoconfigure;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.test.RecordingUmamiTracker;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link ResetRecordingUmamiTrackerTestExecutionListener}.
 *
 * @author umami-spring-boot contributors
 */
class ResetRecordingUmamiTrackerTestExecutionListenerTests {

	private final ResetRecordingUmamiTrackerTestExecutionListener listener = new ResetRecordingUmamiTrackerTestExecutionListener();

	@Test
	void isRegisteredWithSpringTest() {
		// Spring's own listeners that need absent optional libraries are skipped
		FailureHandler ignoreUnavailable = FailureHandler.handleMessage((message, failure) -> {
		});
		assertThat(
				SpringFactoriesLoader.forDefaultResourceLocation().load(TestExecutionListener.class, ignoreUnavailable))
			.hasAtLeastOneElementOfType(ResetRecordingUmamiTrackerTestExecutionListener.class);
	}

	@Test
	void clearsEveryRecordingTrackerAfterTestMethod() {
		RecordingUmamiTracker first = new RecordingUmamiTracker();
		RecordingUmamiTracker second = new RecordingUmamiTracker();
		first.track(UmamiEvent.event("signup").build());
		second.track(UmamiEvent.event("purchase").build());
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean("first", RecordingUmamiTracker.class, () -> first);
			context.registerBean("second", RecordingUmamiTracker.class, () -> second);
			context.refresh();
			TestContext testContext = mock(TestContext.class);
			given(testContext.hasApplicationContext()).willReturn(true);
			given(testContext.getApplicationContext()).willReturn(context);
			this.listener.afterTestMethod(testContext);
		}
		assertThat(first.getEvents()).isEmpty();
		assertThat(second.getEvents()).isEmpty();
	}

	@Test
	void doesNotLoadApplicationContextThatWasNotLoaded() {
		TestContext testContext = mock(TestContext.class);
		given(testContext.hasApplicationContext()).willReturn(false);
		this.listener.afterTestMethod(testContext);
		verify(testContext, never()).getApplicationContext();
	}

}
