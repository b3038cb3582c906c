package io.github.umamispring;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An immutable Umami event (a {@link Kind}) with the visitor's request it belongs to.
 * Built with {@link #event(String)}, {@link #pageview(String)} or
 * {@link #identify(String)}; {@link UmamiEventBuilder#build()} refuses a name or tag over
 * Umami's limits and fits every other field into them (see {@link #getAdjustments()}).
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

	private final Kind kind;

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

	private final List<UmamiAdjustment> adjustments;

	private final @Nullable String refusal;

	UmamiEvent(UmamiEventBuilder builder, @Nullable String refusal) {
		this.kind = builder.kind;
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
		this.adjustments = builder.adjustments;
		this.refusal = refusal;
	}

	/**
	 * Start a custom event with the given name.
	 * @param name the event name, at most {@value #MAX_NAME_LENGTH} characters
	 * @return a builder
	 */
	public static UmamiEventBuilder event(String name) {
		Assert.hasText(name, "'name' must not be empty");
		return new UmamiEventBuilder(Kind.EVENT).name(name);
	}

	/**
	 * Start a pageview of the given URL (a path with its query, such as
	 * {@code /pricing?utm_source=newsletter}).
	 * @param url the page's path and query, or its absolute URL
	 * @return a builder
	 */
	public static UmamiEventBuilder pageview(String url) {
		Assert.hasText(url, "'url' must not be empty");
		return new UmamiEventBuilder(Kind.PAGEVIEW).url(url);
	}

	/**
	 * Start an identify call, which attaches {@link UmamiEventBuilder#data(Map) data} to
	 * the visitor's session and, when {@code distinctId} is not {@code null}, keys the
	 * session on it.
	 * @param distinctId the distinct id, such as a user id, or {@code null}
	 * @return a builder
	 */
	public static UmamiEventBuilder identify(@Nullable String distinctId) {
		return new UmamiEventBuilder(Kind.IDENTIFY).id(distinctId);
	}

	/**
	 * Return a builder holding this event's fields, to derive a changed copy.
	 * @return a builder
	 */
	public UmamiEventBuilder toBuilder() {
		return new UmamiEventBuilder(this);
	}

	/**
	 * Return what this event is: a pageview, a custom event or an identify call.
	 * @return the kind of event
	 */
	public Kind getKind() {
		return this.kind;
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
	 * Return what {@link UmamiEventBuilder#build()} changed to fit into Umami's limits.
	 * @return the changes (not part of equality), empty when the event is sent as given
	 */
	public List<UmamiAdjustment> getAdjustments() {
		return this.adjustments;
	}

	/**
	 * Return why Umami would refuse this event: only the tracker's conveniences build
	 * such events, which are never sent (see {@link UmamiEventBuilder}).
	 * @return the reason (not part of equality), or {@code null} for an event to send
	 */
	public @Nullable String getRefusal() {
		return this.refusal;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return obj instanceof UmamiEvent other && Arrays.equals(values(), other.values());
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(values());
	}

	private @Nullable Object[] values() {
		return new @Nullable Object[] { this.kind, this.website, this.hostname, this.language, this.referrer,
				this.screen, this.title, this.url, this.name, this.tag, this.data, this.id, this.timestamp, this.ip,
				this.userAgent };
	}

	@Override
	public String toString() {
		StringBuilder result = new StringBuilder("UmamiEvent[kind=").append(this.kind);
		appendIfSet(result, "name", this.name);
		appendIfSet(result, "url", this.url);
		appendIfSet(result, "website", this.website);
		// A distinct id is personal data, and refused events are logged at WARN
		appendIfSet(result, "id", (this.id != null) ? "(withheld)" : null);
		appendIfSet(result, "data", this.data.isEmpty() ? null : this.data);
		return result.append(']').toString();
	}

	private static void appendIfSet(StringBuilder builder, String label, @Nullable Object value) {
		if (value != null) {
			builder.append(", ").append(label).append('=').append(value);
		}
	}

	/**
	 * What an event is. Umami's collection endpoint takes pageviews and custom events as
	 * {@code "type": "event"} (a pageview is an event without a name) and identify calls
	 * as {@code "type": "identify"}.
	 */
	public enum Kind {

		/** A view of a page: a url, no name. */
		PAGEVIEW("event"),

		/** A custom event: a name, with optional data. */
		EVENT("event"),

		/** Data for the visitor's session, maybe keyed on a distinct id; no event row. */
		IDENTIFY("identify");

		private final String payloadType;

		Kind(String payloadType) {
			this.payloadType = payloadType;
		}

		/**
		 * Return the value of the {@code type} field Umami expects for this kind.
		 * @return the wire value
		 */
		public String getPayloadType() {
			return this.payloadType;
		}

	}

}
