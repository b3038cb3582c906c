package io.github.umamispring.internal;

import io.github.umamispring.UmamiEventBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Hands an {@link UmamiEventBuilder} values known only at run time, such as the results
 * of {@code @TrackEvent}'s {@code tag}, {@code revenue} and {@code currency} expressions.
 * The builder's public methods take those fields as fixed in code, and its
 * {@code build()} refuses them when Umami would; handed over here, a value Umami would
 * refuse is left out instead, recorded as an adjustment of the event, as values from
 * visitors are. Not API.
 * <p>
 * The builder registers the {@link Setter} when its class is initialized, which happens
 * before any caller holds a builder: so the builder's fields stay package-private.
 *
 * @author umami-spring-boot contributors
 */
public final class RuntimeEventValues {

	private static volatile @Nullable Setter setter;

	private RuntimeEventValues() {
	}

	/**
	 * Set the tag of an event, or leave it out with an adjustment when Umami would refuse
	 * it.
	 * @param builder the builder
	 * @param tag the tag: a {@link CharSequence}, an enum (its name), a number, a boolean
	 * or a character; {@code null} or empty for none
	 */
	public static void tag(UmamiEventBuilder builder, @Nullable Object tag) {
		setter().tag(builder, tag);
	}

	/**
	 * Set the revenue of a custom event, or leave it out, amount and currency together,
	 * with an adjustment when Umami could not record it.
	 * @param builder the builder
	 * @param amount a {@link Number} or a {@link CharSequence} holding a decimal number;
	 * {@code null} for no revenue
	 * @param currency a {@link java.util.Currency} or a {@link CharSequence} holding an
	 * ISO 4217 code, in any case
	 */
	public static void revenue(UmamiEventBuilder builder, @Nullable Object amount, @Nullable Object currency) {
		setter().revenue(builder, amount, currency);
	}

	/**
	 * Register the setter. Called by {@link UmamiEventBuilder} only.
	 * @param setter the setter
	 */
	public static void register(Setter setter) {
		Assert.notNull(setter, "'setter' must not be null");
		RuntimeEventValues.setter = setter;
	}

	private static Setter setter() {
		Setter setter = RuntimeEventValues.setter;
		Assert.state(setter != null, "No setter registered: UmamiEventBuilder registers it when initialized");
		return setter;
	}

	/**
	 * Sets run-time values on a builder, implemented beside it.
	 */
	public interface Setter {

		/**
		 * See {@link RuntimeEventValues#tag(UmamiEventBuilder, Object)}.
		 * @param builder the builder
		 * @param tag the tag
		 */
		void tag(UmamiEventBuilder builder, @Nullable Object tag);

		/**
		 * See {@link RuntimeEventValues#revenue(UmamiEventBuilder, Object, Object)}.
		 * @param builder the builder
		 * @param amount the amount
		 * @param currency the currency
		 */
		void revenue(UmamiEventBuilder builder, @Nullable Object amount, @Nullable Object currency);

	}

}
