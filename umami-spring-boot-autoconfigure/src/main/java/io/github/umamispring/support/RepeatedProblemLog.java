package io.github.umamispring.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Logs a problem at WARN the first time it is seen and at DEBUG afterwards, so that an
 * Umami outage or a misconfiguration is reported once instead of once per event.
 *
 * @author umami-spring-boot contributors
 */
public final class RepeatedProblemLog {

	/**
	 * Distinct problems remembered; past this every problem is new again, which keeps
	 * memory bounded when messages vary without end.
	 */
	private static final int MAX_REMEMBERED = 256;

	private final Log logger;

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	public RepeatedProblemLog(Log logger) {
		this.logger = logger;
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
		if (this.seen.size() >= MAX_REMEMBERED) {
			this.seen.clear();
		}
		if (this.seen.add(key)) {
			this.logger.warn(message.get() + " (repeats are logged at DEBUG)", ex);
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug(message.get(), ex);
		}
	}

}
