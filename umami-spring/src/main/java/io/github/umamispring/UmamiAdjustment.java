package io.github.umamispring;

import org.springframework.util.Assert;

/**
 * A change {@link UmamiEventBuilder#build()} made to a value that comes from a visitor or
 * from data at run time, so that Umami accepts the event: a value cut to Umami's limit,
 * left out, or sent in a form Umami can store. Mistakes in code (an event name or tag
 * over its limit, revenue Umami cannot record) are refused instead.
 *
 * @param field the payload field changed: {@code data}, {@code hostname},
 * {@code language}, {@code referrer}, {@code screen}, {@code title}, {@code url},
 * {@code id} or {@code ip}; or, for a tag or revenue known only at run time (such as
 * {@code @TrackEvent}'s), {@code tag}, {@code revenue} or {@code currency}
 * @param description what was changed and why, naming a data property by its key and
 * never quoting the value
 * @author umami-spring-boot contributors
 * @see UmamiEvent#getAdjustments()
 */
public record UmamiAdjustment(String field, String description) {

	public UmamiAdjustment {
		Assert.hasText(field, "'field' must not be empty");
		Assert.hasText(description, "'description' must not be empty");
	}

	@Override
	public String toString() {
		return this.field + ": " + this.description;
	}

}
