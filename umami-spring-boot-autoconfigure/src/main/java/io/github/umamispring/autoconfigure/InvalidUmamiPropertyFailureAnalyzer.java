package io.github.umamispring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidUmamiPropertyException} with the property, its value and the
 * fix.
 *
 * @author umami-spring-boot contributors
 */
class InvalidUmamiPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidUmamiPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidUmamiPropertyException cause) {
		String value = (cause.getValue() != null) ? "'" + cause.getValue() + "'" : "not set";
		String description = String.format("Umami is misconfigured:%n%n    Property: %s%n    Value: %s%n    Reason: %s",
				cause.getProperty(), value, cause.getReason());
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
