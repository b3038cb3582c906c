package io.github.umamispring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Logs a problem at WARN at most once per {@link #DEFAULT_INTERVAL window} and at DEBUG
 * in between, so that an Umami outage or a misconfiguration is reported once per window
 * instead of once per event, and a problem that comes back next week is still seen. Each
 * warning after the first says how many occurrences were logged at DEBUG since the
 * previous one.
 *
 * @author umami-spring-boot contributors
 */
public final class RepeatedProblemLog {

	/**
	 * Shortest time between two warnings of the same problem.
	 */
	public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

	/**
	 * Distinct problems remembered; past this every problem is new again, which keeps
	 * memory bounded when messages vary without end.
	 */
	private static final int MAX_REMEMBERED = 256;

	private final Log logger;

	private final Duration interval;

	private final Map<String, Occurrences> problems = new ConcurrentHashMap<>();

	private volatile Clock clock;

	/**
	 * Create a log that warns of each problem at most once per {@link #DEFAULT_INTERVAL}.
	 * @param logger the logger to write to
	 */
	public RepeatedProblemLog(Log logger) {
		this(logger, Clock.systemUTC(), DEFAULT_INTERVAL);
	}

	/**
	 * Create a log.
	 * @param logger the logger to write to
	 * @param clock the clock that decides when a window has passed
	 * @param interval the shortest time between two warnings of the same problem
	 */
	public RepeatedProblemLog(Log logger, Clock clock, Duration interval) {
		Assert.notNull(logger, "'logger' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.isTrue(interval != null && !interval.isNegative(), "'interval' must not be negative");
		this.logger = logger;
		this.clock = clock;
		this.interval = interval;
	}

	/**
	 * Use another clock, such as a test's.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	public void warn(String key, String message) {
		warn(key, () -> message, null);
	}

	/**
	 * Log a problem, building its message only when it is logged: a repeated problem is
	 * logged at DEBUG, usually disabled, and can repeat for every event of an outage.
	 * @param key what makes two problems the same
	 * @param message the message
	 * @param ex the exception, if any
	 */
	public void warn(String key, Supplier<String> message, @Nullable Throwable ex) {
		if (this.problems.size() >= MAX_REMEMBERED && !this.problems.containsKey(key)) {
			this.problems.clear();
		}
		long now = this.clock.millis();
		long suppressed = this.problems.computeIfAbsent(key, (ignored) -> new Occurrences())
			.occur(now, this.interval.toMillis());
		if (suppressed >= 0) {
			this.logger.warn(message.get() + suffix(suppressed), ex);
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug(message.get(), ex);
		}
	}

	/**
	 * Return the problems that occurred within the last window, most recent first, each
	 * named by its key: what makes two problems the same, never a value of an event.
	 * @return the recent problems
	 */
	public List<Problem> recentProblems() {
		long since = this.clock.millis() - this.interval.toMillis();
		List<Problem> recent = new ArrayList<>();
		this.problems.forEach((key, occurrences) -> {
			Problem problem = occurrences.toProblem(key);
			if (problem.lastOccurred().toEpochMilli() >= since) {
				recent.add(problem);
			}
		});
		recent.sort(Comparator.comparing(Problem::lastOccurred).reversed());
		return recent;
	}

	private String suffix(long suppressed) {
		String window = format(this.interval);
		if (suppressed == 0) {
			return " (repeats within " + window + " are logged at DEBUG)";
		}
		return " (" + suppressed + " more since the last warning, logged at DEBUG; repeats within " + window
				+ " are logged at DEBUG)";
	}

	private static String format(Duration duration) {
		if (duration.toSeconds() % 60 == 0 && duration.toMinutes() > 0) {
			long minutes = duration.toMinutes();
			return minutes + " minute" + ((minutes != 1) ? "s" : "");
		}
		return duration.toMillis() + " ms";
	}

	/**
	 * A problem and how often it occurred.
	 *
	 * @param key what makes two problems the same
	 * @param occurrences how often it occurred since it was first remembered
	 * @param lastOccurred when it last occurred
	 */
	public record Problem(String key, long occurrences, Instant lastOccurred) {

	}

	/**
	 * When a problem was last logged at WARN, and how often it occurred since.
	 */
	private static final class Occurrences {

		private long total;

		private long last;

		private long lastWarning;

		private boolean warned;

		private long suppressed;

		/**
		 * Count an occurrence.
		 * @return the number of occurrences suppressed since the last warning when this
		 * one is to be logged at WARN, else {@code -1}
		 */
		synchronized long occur(long now, long interval) {
			this.total++;
			this.last = now;
			if (!this.warned || now - this.lastWarning >= interval || now < this.lastWarning) {
				long count = this.suppressed;
				this.warned = true;
				this.lastWarning = now;
				this.suppressed = 0;
				return count;
			}
			this.suppressed++;
			return -1;
		}

		synchronized Problem toProblem(String key) {
			return new Problem(key, this.total, Instant.ofEpochMilli(this.last));
		}

	}

}
