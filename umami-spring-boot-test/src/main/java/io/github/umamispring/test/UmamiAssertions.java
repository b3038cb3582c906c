package io.github.umamispring.test;

/**
 * Entry point for AssertJ assertions on what a {@link RecordingUmamiTracker} recorded.
 * <pre class="code">
 * import static io.github.umamispring.test.UmamiAssertions.assertThat;
 *
 * assertThat(tracker).hasTracked("signup").withData("plan", "pro");
 * assertThat(tracker).hasTrackedPageview("/pricing");
 * assertThat(tracker).hasNotTracked("purchase");
 * </pre>
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiAssertions {

	private UmamiAssertions() {
	}

	/**
	 * Create an assertion on the events a tracker recorded.
	 * @param tracker the tracker
	 * @return the assertion
	 */
	public static RecordingUmamiTrackerAssert assertThat(RecordingUmamiTracker tracker) {
		return new RecordingUmamiTrackerAssert(tracker);
	}

}
