package io.github.umamispring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.umamispring.internal.RuntimeEventValues;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Builder for {@link UmamiEvent}, started by {@link UmamiEvent#event(String)},
 * {@link UmamiEvent#pageview(String)}, {@link UmamiEvent#identify(String)} or
 * {@link UmamiEvent#toBuilder()}. Setting a field to {@code null} leaves it out of the
 * payload.
 * <p>
 * {@link #build()} draws the line between two kinds of values. The name, the tag and the
 * {@link #revenue(BigDecimal, String) revenue} are fixed in code: breaking Umami's rules
 * they are refused, with an {@link IllegalArgumentException}. Every other field comes
 * from a visitor or from data at run time, which must never cost the event: it is fitted
 * into Umami's limits (cut, left out, or sent as a string) and each change is recorded as
 * a {@link UmamiAdjustment}. Data is written as JSON, never as a value's
 * {@code toString()}: a value of another type is left out (see {@link #data(Map)}).
 * <p>
 * The conveniences of {@link UmamiTracker} ({@code track(name, data)},
 * {@code trackPageview}, {@code identify}), which take names from run time too, never
 * throw: an event they cannot send as given is built {@link UmamiEvent#getRefusal()
 * refused}, and the tracker answers it with {@link UmamiResult.Rejected} without sending
 * it.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiEventBuilder {

	static {
		RuntimeEventValues.register(new UmamiRuntimeValues());
	}

	final UmamiEvent.Kind kind;

	@Nullable String website;

	@Nullable String hostname;

	@Nullable String language;

	@Nullable String referrer;

	@Nullable String screen;

	@Nullable String title;

	@Nullable String url;

	@Nullable String name;

	@Nullable String tag;

	Map<String, @Nullable Object> data = Collections.emptyMap();

	// what data(Map) left out of the data set last
	List<UmamiAdjustment> dataAdjustments = List.of();

	@Nullable String id;

	@Nullable Instant timestamp;

	@Nullable String ip;

	@Nullable String userAgent;

	@Nullable BigDecimal revenue;

	@Nullable String currency;

	List<UmamiAdjustment> adjustments = List.of();

	List<UmamiAdjustment> runtimeAdjustments = List.of();

	UmamiEventBuilder(UmamiEvent.Kind kind) {
		this.kind = kind;
	}

	UmamiEventBuilder(UmamiEvent event) {
		this.kind = event.getKind();
		this.website = event.getWebsite();
		this.hostname = event.getHostname();
		this.language = event.getLanguage();
		this.referrer = event.getReferrer();
		this.screen = event.getScreen();
		this.title = event.getTitle();
		this.url = event.getUrl();
		this.name = event.getName();
		this.tag = event.getTag();
		this.data = event.getData();
		this.id = event.getId();
		this.timestamp = event.getTimestamp();
		this.ip = event.getIp();
		this.userAgent = event.getUserAgent();
		this.adjustments = event.getAdjustments();
	}

	/**
	 * Send the event to this website, whatever its hostname, instead of the website its
	 * hostname is listed for ({@link UmamiWebsites}) or the default website.
	 * @param website the website id (a UUID)
	 * @return this builder
	 */
	public UmamiEventBuilder website(@Nullable String website) {
		this.website = website;
		return this;
	}

	public UmamiEventBuilder hostname(@Nullable String hostname) {
		this.hostname = hostname;
		return this;
	}

	public UmamiEventBuilder language(@Nullable String language) {
		this.language = language;
		return this;
	}

	public UmamiEventBuilder referrer(@Nullable String referrer) {
		this.referrer = referrer;
		return this;
	}

	public UmamiEventBuilder screen(@Nullable String screen) {
		this.screen = screen;
		return this;
	}

	public UmamiEventBuilder title(@Nullable String title) {
		this.title = title;
		return this;
	}

	public UmamiEventBuilder url(@Nullable String url) {
		this.url = url;
		return this;
	}

	public UmamiEventBuilder name(@Nullable String name) {
		this.name = name;
		return this;
	}

	public UmamiEventBuilder tag(@Nullable String tag) {
		this.tag = tag;
		return this;
	}

	/**
	 * Set the event data, replacing any set before. Values are written as JSON: strings,
	 * numbers, booleans, characters, enums (by name), dates ({@link Instant},
	 * {@link java.time.OffsetDateTime}, {@link java.time.ZonedDateTime},
	 * {@link java.util.Date}, {@link java.util.Calendar}, written so Umami stores them as
	 * dates), other {@code java.time} values (ISO-8601), {@link java.util.UUID},
	 * {@link java.net.URI}, {@link java.net.URL}, {@link java.util.Locale}, maps, records
	 * (as nested objects), and collections, arrays and {@link java.util.Optional}s of
	 * these. A value of any other type (an entity, a proxy) is never sent as its
	 * {@code toString()}: it is left out, and so is a value whose accessor or iteration
	 * fails and one that contains itself, each recorded as an {@link UmamiAdjustment}
	 * naming its key and type.
	 * @param data the event data or {@code null} for none
	 * @return this builder
	 */
	public UmamiEventBuilder data(@Nullable Map<String, ?> data) {
		UmamiEventData values = new UmamiEventData();
		this.data = values.normalize(data);
		this.dataAdjustments = values.adjustments();
		return this;
	}

	/**
	 * Add one data property.
	 * @param key the property name
	 * @param value the value, as for {@link #data(Map)}
	 * @return this builder
	 */
	public UmamiEventBuilder data(String key, @Nullable Object value) {
		Map<String, @Nullable Object> copy = new LinkedHashMap<>(this.data);
		UmamiEventData values = new UmamiEventData();
		values.put(copy, key, value);
		this.data = Collections.unmodifiableMap(copy);
		if (!values.adjustments().isEmpty()) {
			List<UmamiAdjustment> adjustments = new ArrayList<>(this.dataAdjustments);
			adjustments.addAll(values.adjustments());
			this.dataAdjustments = adjustments;
		}
		return this;
	}

	/**
	 * Record revenue, which Umami 3 reports per currency, sent as the data properties
	 * {@code revenue} and {@code currency}, first and in place of any so named.
	 * @param amount the amount, above zero and below 10^15, rounded (half up) to Umami's
	 * four decimals, an {@link UmamiAdjustment} when that changes it
	 * @param currency its ISO 4217 code, such as {@code EUR}, in any case
	 * @return this builder
	 */
	public UmamiEventBuilder revenue(@Nullable BigDecimal amount, @Nullable String currency) {
		this.revenue = amount;
		this.currency = currency;
		return this;
	}

	/**
	 * Set the distinct id, such as a user id, that Umami keys the session on.
	 * @param id the distinct id; one over {@value UmamiEvent#MAX_ID_LENGTH} characters is
	 * left out
	 * @return this builder
	 */
	public UmamiEventBuilder id(@Nullable String id) {
		this.id = id;
		return this;
	}

	/**
	 * Back-date the event; sent as Unix seconds.
	 * @param timestamp when the event happened
	 * @return this builder
	 */
	public UmamiEventBuilder timestamp(@Nullable Instant timestamp) {
		this.timestamp = timestamp;
		return this;
	}

	/**
	 * Set the visitor's IP address, which Umami uses for the session and location.
	 * @param ip the visitor's address
	 * @return this builder
	 */
	public UmamiEventBuilder ip(@Nullable String ip) {
		this.ip = ip;
		return this;
	}

	/**
	 * Set the visitor's User-Agent, which Umami uses for the session, the browser and its
	 * bot check.
	 * @param userAgent the visitor's User-Agent
	 * @return this builder
	 */
	public UmamiEventBuilder userAgent(@Nullable String userAgent) {
		this.userAgent = userAgent;
		return this;
	}

	/**
	 * Set every field the visitor's request gives: hostname, url, referrer, language,
	 * User-Agent and IP. Fields the visitor lacks are left as they are.
	 * @param visitor the visitor
	 * @return this builder
	 */
	public UmamiEventBuilder visitor(UmamiVisitor visitor) {
		Assert.notNull(visitor, "'visitor' must not be null");
		visitor.applyTo(this);
		return this;
	}

	/**
	 * Build the event. The name, the tag and the revenue, fixed in code, are checked
	 * against Umami's rules; the other fields, which come from visitors or from data at
	 * run time, are fitted into them (see {@link UmamiEvent#getAdjustments()}): a data
	 * string over 500 characters is cut, ending with {@code \u2026}, properties past the
	 * 50th are left out, a number Umami's column cannot hold is sent as a string, a value
	 * that is no JSON value is left out (see {@link #data(Map)}); an over-long or
	 * malformed hostname, language, screen, title, url, referrer or distinct id is cut or
	 * left out, and so is an address that is not an IP. Hostnames are sent in lower case,
	 * internationalized ones in punycode, as a browser's {@code location.hostname}.
	 * @return the event
	 * @throws IllegalArgumentException if the name, the tag or the revenue breaks a rule,
	 * or a pageview has no url, saying which and why
	 */
	public UmamiEvent build() {
		String refusal = UmamiEventRefusals.refusal(this);
		if (refusal != null) {
			throw new IllegalArgumentException(refusal);
		}
		return UmamiEventLimits.build(this, null);
	}

}
