package io.github.umamispring;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * An immutable Umami event: a custom event, a pageview or an identify call, with the
 * visitor it belongs to. Built with {@link #event(String)}, {@link #pageview(String)},
 * {@link #identify(String)} or {@link #builder()}; {@link Builder#build()} checks the
 * limits Umami enforces (or, worse, fails on after storing) and throws
 * {@link IllegalArgumentException} saying which field is wrong and why.
 *
 * @author umami-spring-boot contributors
 * @see UmamiTracker
 */
public final class UmamiEvent {

	/**
	 * Longest event name Umami accepts.
	 */
	public static final int MAX_NAME_LENGTH = 50;

	/**
	 * Longest tag Umami accepts.
	 */
	public static final int MAX_TAG_LENGTH = 50;

	/**
	 * Longest hostname Umami accepts.
	 */
	public static final int MAX_HOSTNAME_LENGTH = 100;

	/**
	 * Longest language Umami accepts.
	 */
	public static final int MAX_LANGUAGE_LENGTH = 35;

	/**
	 * Longest screen size Umami accepts.
	 */
	public static final int MAX_SCREEN_LENGTH = 11;

	/**
	 * Longest distinct id Umami can store.
	 */
	public static final int MAX_ID_LENGTH = 50;

	private final Type type;

	private final @Nullable String website;

	private final @Nullable String hostname;

	private final @Nullable String language;

	private final @Nullable String referrer;

	private final @Nullable String screen;

	private final @Nullable String title;

	private final @Nullable String url;

	private final @Nullable String name;

	private final @Nullable String tag;

	private final Map<String, @Nullable Object> data;

	private final @Nullable String id;

	private final @Nullable Instant timestamp;

	private final @Nullable String ip;

	private final @Nullable String userAgent;

	private final @Nullable String cacheToken;

	private UmamiEvent(Builder builder) {
		this.type = builder.type;
		this.website = builder.website;
		this.hostname = builder.hostname;
		this.language = builder.language;
		this.referrer = builder.referrer;
		this.screen = builder.screen;
		this.title = builder.title;
		this.url = builder.url;
		this.name = builder.name;
		this.tag = builder.tag;
		this.data = builder.data;
		this.id = builder.id;
		this.timestamp = builder.timestamp;
		this.ip = builder.ip;
		this.userAgent = builder.userAgent;
		this.cacheToken = builder.cacheToken;
	}

	/**
	 * Start a custom event with the given name.
	 * @param name the event name, at most {@value #MAX_NAME_LENGTH} characters
	 * @return a builder
	 */
	public static Builder event(String name) {
		Assert.hasText(name, "'name' must not be empty");
		return new Builder(Type.EVENT).name(name);
	}

	/**
	 * Start a pageview of the given URL (a path with its query, such as
	 * {@code /pricing?utm_source=newsletter}).
	 * @param url the page's path and query, or its absolute URL
	 * @return a builder
	 */
	public static Builder pageview(String url) {
		Assert.hasText(url, "'url' must not be empty");
		return new Builder(Type.EVENT).url(url);
	}

	/**
	 * Start an identify call, which attaches {@link Builder#data(Map) data} to the
	 * visitor's session and, when {@code distinctId} is not {@code null}, keys the
	 * session on it.
	 * @param distinctId the distinct id, such as a user id, or {@code null}
	 * @return a builder
	 */
	public static Builder identify(@Nullable String distinctId) {
		return new Builder(Type.IDENTIFY).id(distinctId);
	}

	/**
	 * Start an event with no field set: a pageview until it is given a name.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder(Type.EVENT);
	}

	/**
	 * Return a builder holding this event's fields, to derive a changed copy.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	public Type getType() {
		return this.type;
	}

	/**
	 * Whether this is a pageview: an {@link Type#EVENT event} without a name.
	 * @return whether this is a pageview
	 */
	public boolean isPageview() {
		return this.type == Type.EVENT && this.name == null;
	}

	public @Nullable String getWebsite() {
		return this.website;
	}

	public @Nullable String getHostname() {
		return this.hostname;
	}

	public @Nullable String getLanguage() {
		return this.language;
	}

	public @Nullable String getReferrer() {
		return this.referrer;
	}

	public @Nullable String getScreen() {
		return this.screen;
	}

	public @Nullable String getTitle() {
		return this.title;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public @Nullable String getTag() {
		return this.tag;
	}

	/**
	 * Return the event data as it will be sent: dates already written in the form Umami
	 * stores as dates, records and arrays turned into maps and lists.
	 * @return the unmodifiable event data, empty when there is none
	 */
	public Map<String, @Nullable Object> getData() {
		return this.data;
	}

	public @Nullable String getId() {
		return this.id;
	}

	public @Nullable Instant getTimestamp() {
		return this.timestamp;
	}

	public @Nullable String getIp() {
		return this.ip;
	}

	public @Nullable String getUserAgent() {
		return this.userAgent;
	}

	/**
	 * Return the visitor's {@code x-umami-cache} token from an earlier accepted event, if
	 * any. It is sent as a header, never in the payload.
	 * @return the cache token or {@code null}
	 */
	public @Nullable String getCacheToken() {
		return this.cacheToken;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (!(obj instanceof UmamiEvent other)) {
			return false;
		}
		return this.type == other.type && Objects.equals(this.website, other.website)
				&& Objects.equals(this.hostname, other.hostname) && Objects.equals(this.language, other.language)
				&& Objects.equals(this.referrer, other.referrer) && Objects.equals(this.screen, other.screen)
				&& Objects.equals(this.title, other.title) && Objects.equals(this.url, other.url)
				&& Objects.equals(this.name, other.name) && Objects.equals(this.tag, other.tag)
				&& this.data.equals(other.data) && Objects.equals(this.id, other.id)
				&& Objects.equals(this.timestamp, other.timestamp) && Objects.equals(this.ip, other.ip)
				&& Objects.equals(this.userAgent, other.userAgent) && Objects.equals(this.cacheToken, other.cacheToken);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.website, this.hostname, this.language, this.referrer, this.screen,
				this.title, this.url, this.name, this.tag, this.data, this.id, this.timestamp, this.ip, this.userAgent,
				this.cacheToken);
	}

	@Override
	public String toString() {
		StringBuilder result = new StringBuilder("UmamiEvent[type=").append(this.type.getValue());
		appendIfSet(result, "name", this.name);
		appendIfSet(result, "url", this.url);
		appendIfSet(result, "website", this.website);
		appendIfSet(result, "id", this.id);
		if (!this.data.isEmpty()) {
			result.append(", data=").append(this.data);
		}
		return result.append(']').toString();
	}

	private static void appendIfSet(StringBuilder builder, String label, @Nullable Object value) {
		if (value != null) {
			builder.append(", ").append(label).append('=').append(value);
		}
	}

	/**
	 * The kinds of call Umami's collection endpoint takes.
	 */
	public enum Type {

		/**
		 * A custom event when it has a name, otherwise a pageview.
		 */
		EVENT("event"),

		/**
		 * Data attached to the visitor's session; no event row is stored.
		 */
		IDENTIFY("identify");

		private final String value;

		Type(String value) {
			this.value = value;
		}

		/**
		 * Return the value of the {@code type} field Umami expects.
		 * @return the wire value
		 */
		public String getValue() {
			return this.value;
		}

	}

	/**
	 * Builder for {@link UmamiEvent}. Setting a field to {@code null} leaves it out of
	 * the payload.
	 */
	public static final class Builder {

		private final Type type;

		private @Nullable String website;

		private @Nullable String hostname;

		private @Nullable String language;

		private @Nullable String referrer;

		private @Nullable String screen;

		private @Nullable String title;

		private @Nullable String url;

		private @Nullable String name;

		private @Nullable String tag;

		private Map<String, @Nullable Object> data = Collections.emptyMap();

		private @Nullable String id;

		private @Nullable Instant timestamp;

		private @Nullable String ip;

		private @Nullable String userAgent;

		private @Nullable String cacheToken;

		private Builder(Type type) {
			this.type = type;
		}

		private Builder(UmamiEvent event) {
			this.type = event.type;
			this.website = event.website;
			this.hostname = event.hostname;
			this.language = event.language;
			this.referrer = event.referrer;
			this.screen = event.screen;
			this.title = event.title;
			this.url = event.url;
			this.name = event.name;
			this.tag = event.tag;
			this.data = event.data;
			this.id = event.id;
			this.timestamp = event.timestamp;
			this.ip = event.ip;
			this.userAgent = event.userAgent;
			this.cacheToken = event.cacheToken;
		}

		/**
		 * Send the event to this website instead of the configured
		 * {@code umami.website-id}.
		 * @param website the website id (a UUID)
		 * @return this builder
		 */
		public Builder website(@Nullable String website) {
			this.website = website;
			return this;
		}

		public Builder hostname(@Nullable String hostname) {
			this.hostname = hostname;
			return this;
		}

		public Builder language(@Nullable String language) {
			this.language = language;
			return this;
		}

		public Builder referrer(@Nullable String referrer) {
			this.referrer = referrer;
			return this;
		}

		public Builder screen(@Nullable String screen) {
			this.screen = screen;
			return this;
		}

		public Builder title(@Nullable String title) {
			this.title = title;
			return this;
		}

		public Builder url(@Nullable String url) {
			this.url = url;
			return this;
		}

		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		public Builder tag(@Nullable String tag) {
			this.tag = tag;
			return this;
		}

		/**
		 * Set the event data, replacing any set before. Values may be strings, numbers,
		 * booleans, dates ({@link Instant}, {@link java.time.OffsetDateTime},
		 * {@link java.time.ZonedDateTime}, {@link java.util.Date}, written so Umami
		 * stores them as dates), enums, maps, collections, arrays and records.
		 * @param data the event data or {@code null} for none
		 * @return this builder
		 */
		public Builder data(@Nullable Map<String, ?> data) {
			this.data = UmamiEventData.normalize(data);
			return this;
		}

		/**
		 * Add one data property.
		 * @param key the property name
		 * @param value the value, as for {@link #data(Map)}
		 * @return this builder
		 */
		public Builder data(String key, @Nullable Object value) {
			Map<String, @Nullable Object> copy = new LinkedHashMap<>(this.data);
			copy.put(key, value);
			return data(copy);
		}

		/**
		 * Set the distinct id, such as a user id, that Umami keys the session on.
		 * @param id the distinct id, at most {@value UmamiEvent#MAX_ID_LENGTH} characters
		 * @return this builder
		 */
		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		/**
		 * Back-date the event; sent as Unix seconds.
		 * @param timestamp when the event happened
		 * @return this builder
		 */
		public Builder timestamp(@Nullable Instant timestamp) {
			this.timestamp = timestamp;
			return this;
		}

		/**
		 * Set the visitor's IP address, which Umami uses for the session and location.
		 * @param ip the visitor's address
		 * @return this builder
		 */
		public Builder ip(@Nullable String ip) {
			this.ip = ip;
			return this;
		}

		/**
		 * Set the visitor's User-Agent, which Umami uses for the session, the browser and
		 * its bot check.
		 * @param userAgent the visitor's User-Agent
		 * @return this builder
		 */
		public Builder userAgent(@Nullable String userAgent) {
			this.userAgent = userAgent;
			return this;
		}

		/**
		 * Set every visitor field from the given visitor: hostname, url, referrer,
		 * language, User-Agent and IP. Fields the visitor lacks are left as they are.
		 * @param visitor the visitor
		 * @return this builder
		 */
		public Builder visitor(UmamiVisitor visitor) {
			Assert.notNull(visitor, "'visitor' must not be null");
			this.hostname = firstNonNull(visitor.hostname(), this.hostname);
			this.url = firstNonNull(visitor.url(), this.url);
			this.referrer = firstNonNull(visitor.referrer(), this.referrer);
			this.language = firstNonNull(visitor.language(), this.language);
			this.userAgent = firstNonNull(visitor.userAgent(), this.userAgent);
			this.ip = firstNonNull(visitor.ip(), this.ip);
			return this;
		}

		/**
		 * Set the visitor's {@code x-umami-cache} token from an earlier accepted result.
		 * Never share a token between visitors: Umami would merge them into one session.
		 * @param cacheToken the token or {@code null}
		 * @return this builder
		 */
		public Builder cacheToken(@Nullable String cacheToken) {
			this.cacheToken = cacheToken;
			return this;
		}

		/**
		 * Build the event, checking it against Umami's limits.
		 * @return the event
		 * @throws IllegalArgumentException if a field breaks a limit, saying which and
		 * why
		 */
		public UmamiEvent build() {
			String eventName = this.name;
			if (eventName != null) {
				checkLength("name", eventName, MAX_NAME_LENGTH);
				checkNoFormulaPrefix("name", eventName);
			}
			if (this.tag != null) {
				checkLength("tag", this.tag, MAX_TAG_LENGTH);
				checkNoFormulaPrefix("tag", this.tag);
			}
			checkLength("hostname", this.hostname, MAX_HOSTNAME_LENGTH);
			checkLength("language", this.language, MAX_LANGUAGE_LENGTH);
			checkLength("screen", this.screen, MAX_SCREEN_LENGTH);
			checkLength("id", this.id, MAX_ID_LENGTH);
			if (this.type == Type.EVENT && !StringUtils.hasText(eventName) && !StringUtils.hasText(this.url)) {
				throw new IllegalArgumentException(
						"A pageview needs a 'url' (path and query); set one or give the event a 'name'");
			}
			UmamiEventData.validate(this.data);
			return new UmamiEvent(this);
		}

		private static void checkLength(String field, @Nullable String value, int max) {
			if (value != null && value.length() > max) {
				throw new IllegalArgumentException("Event " + field + " '" + abbreviate(value) + "' is "
						+ value.length() + " characters long; Umami accepts at most " + max);
			}
		}

		private static void checkNoFormulaPrefix(String field, String value) {
			if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
				throw new IllegalArgumentException("Event " + field + " '" + abbreviate(value) + "' starts with '"
						+ value.charAt(0) + "'; Umami refuses " + field
						+ "s starting with = + - @, TAB or CR (spreadsheet formula guard)");
			}
		}

		private static String abbreviate(String value) {
			return (value.length() <= 60) ? value : value.substring(0, 57) + "...";
		}

		private static @Nullable String firstNonNull(@Nullable String preferred, @Nullable String fallback) {
			return (preferred != null) ? preferred : fallback;
		}

	}

}
