package io.github.umamispring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.umamispring.testsupport.TestClock;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RepeatedProblemLog}, driven by a clock the test moves.
 */
class RepeatedProblemLogTests {

	private final TestClock clock = new TestClock(Instant.parse("2026-01-05T09:00:00Z"));

	private final RecordingLog log = new RecordingLog();

	private final RepeatedProblemLog problems = new RepeatedProblemLog(this.log, this.clock,
			RepeatedProblemLog.DEFAULT_INTERVAL);

	@Test
	void warnsOnceThenLogsRepeatsAtDebugWithinTheWindow() {
		for (int i = 0; i < 4; i++) {
			this.problems.warn("unreachable", "Umami is unreachable");
			this.clock.advance(Duration.ofMinutes(1));
		}
		assertThat(this.log.lines).containsExactly(
				"WARN Umami is unreachable (repeats within 5 minutes are logged at DEBUG)",
				"DEBUG Umami is unreachable", "DEBUG Umami is unreachable", "DEBUG Umami is unreachable");
	}

	@Test
	void warnsAgainOnceTheWindowHasPassedWithTheNumberOfRepeatsSince() {
		this.problems.warn("unreachable", "Umami is unreachable");
		this.clock.advance(Duration.ofMinutes(2));
		this.problems.warn("unreachable", "Umami is unreachable");
		this.problems.warn("unreachable", "Umami is unreachable");
		this.clock.advance(Duration.ofMinutes(3));
		this.problems.warn("unreachable", "Umami is unreachable");
		// a week later: the outage is back, and seen
		this.clock.advance(Duration.ofDays(7));
		this.problems.warn("unreachable", "Umami is unreachable");
		assertThat(this.log.lines).filteredOn((line) -> line.startsWith("WARN"))
			.containsExactly("WARN Umami is unreachable (repeats within 5 minutes are logged at DEBUG)",
					"WARN Umami is unreachable (2 more since the last warning, logged at DEBUG;"
							+ " repeats within 5 minutes are logged at DEBUG)",
					"WARN Umami is unreachable (repeats within 5 minutes are logged at DEBUG)");
	}

	@Test
	void keepsAWindowPerProblem() {
		this.problems.warn("unreachable", "Umami is unreachable");
		this.problems.warn("expression", "An expression failed");
		this.problems.warn("unreachable", "Umami is unreachable");
		assertThat(this.log.lines).containsExactly(
				"WARN Umami is unreachable (repeats within 5 minutes are logged at DEBUG)",
				"WARN An expression failed (repeats within 5 minutes are logged at DEBUG)",
				"DEBUG Umami is unreachable");
	}

	@Test
	void listsTheProblemsOfTheLastWindowMostRecentFirstWithTheirOccurrences() {
		this.problems.warn("unreachable", "Umami is unreachable");
		this.clock.advance(Duration.ofMinutes(1));
		this.problems.warn("expression", "An expression failed");
		this.clock.advance(Duration.ofMinutes(1));
		this.problems.warn("unreachable", "Umami is unreachable");
		this.problems.warn("unreachable", "Umami is unreachable");
		assertThat(this.problems.recentProblems()).containsExactly(
				new RepeatedProblemLog.Problem("unreachable", 3, Instant.parse("2026-01-05T09:02:00Z")),
				new RepeatedProblemLog.Problem("expression", 1, Instant.parse("2026-01-05T09:01:00Z")));
		this.clock.advance(Duration.ofMinutes(4).plusSeconds(1));
		assertThat(this.problems.recentProblems()).extracting(RepeatedProblemLog.Problem::key)
			.containsExactly("unreachable");
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.problems.recentProblems()).isEmpty();
	}

	@Test
	void buildsTheMessageOfARepeatOnlyWhenDebugIsEnabled() {
		this.log.debugEnabled = false;
		this.problems.warn("unreachable", () -> "Umami is unreachable", null);
		this.problems.warn("unreachable", () -> {
			throw new AssertionError("message built for a disabled level");
		}, null);
		assertThat(this.log.lines).hasSize(1);
	}

	/**
	 * A commons-logging {@link Log} that keeps what is written at WARN and DEBUG.
	 */
	static final class RecordingLog implements Log {

		final List<String> lines = new CopyOnWriteArrayList<>();

		volatile boolean debugEnabled = true;

		@Override
		public boolean isDebugEnabled() {
			return this.debugEnabled;
		}

		@Override
		public void debug(Object message) {
			debug(message, null);
		}

		@Override
		public void debug(Object message, @Nullable Throwable ex) {
			if (this.debugEnabled) {
				this.lines.add("DEBUG " + message);
			}
		}

		@Override
		public void warn(Object message) {
			warn(message, null);
		}

		@Override
		public void warn(Object message, @Nullable Throwable ex) {
			this.lines.add("WARN " + message);
		}

		@Override
		public boolean isWarnEnabled() {
			return true;
		}

		@Override
		public boolean isErrorEnabled() {
			return true;
		}

		@Override
		public boolean isFatalEnabled() {
			return true;
		}

		@Override
		public boolean isInfoEnabled() {
			return true;
		}

		@Override
		public boolean isTraceEnabled() {
			return false;
		}

		@Override
		public void error(Object message) {
		}

		@Override
		public void error(Object message, @Nullable Throwable ex) {
		}

		@Override
		public void fatal(Object message) {
		}

		@Override
		public void fatal(Object message, @Nullable Throwable ex) {
		}

		@Override
		public void info(Object message) {
		}

		@Override
		public void info(Object message, @Nullable Throwable ex) {
		}

		@Override
		public void trace(Object message) {
		}

		@Override
		public void trace(Object message, @Nullable Throwable ex) {
		}

	}

}
