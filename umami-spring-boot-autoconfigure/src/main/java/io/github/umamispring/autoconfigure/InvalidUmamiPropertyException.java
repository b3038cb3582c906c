package io.github.umamispring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when an {@code umami.*} property holds a value the starter cannot
 * work with; reported by {@link InvalidUmamiPropertyFailureAnalyzer}.
 *
 * @author umami-spring-boot contributors
 */
public class InvalidUmamiPropertyException extends RuntimeException {

	private final String property;

	private final @Nullable String value;

	private final String reason;

	private final String action;

	public InvalidUmamiPropertyException(String property, @Nullable String value, String reason, String action) {
		super("Invalid value '" + value + "' for property '" + property + "': " + reason);
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.action = action;
	}

	/**
	 * Return the name of the offending property, such as {@code umami.website-id}.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the offending value, or {@code null} when the property is missing.
	 * @return the value
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	public String getReason() {
		return this.reason;
	}

	/**
	 * Return what to do about it.
	 * @return the fix
	 */
	public String getAction() {
		return this.action;
	}

}
