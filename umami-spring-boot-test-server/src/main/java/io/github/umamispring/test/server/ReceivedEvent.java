package io.github.umamispring.test.server;

import java.util.Collections;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One event a {@link MockUmamiServer} received: the body of a {@code /api/send} request
 * or one item of a {@code /api/batch} request, {@code {"type": ..., "payload": {...}}}.
 * Immutable.
 * <p>
 * {@link #payloadJson()} is the payload exactly as sent, to compare with the JSON an
 * application is meant to send; the other accessors read single fields of the payload and
 * return {@code null} for a field that is absent or not a string.
 *
 * @author umami-spring-boot contributors
 */
public final class ReceivedEvent {

	private final ReceivedRequest request;

	private final String json;

	private final @Nullable String type;

	private final Map<String, @Nullable Object> payload;

	private final String payloadJson;

	@SuppressWarnings("unchecked")
	ReceivedEvent(ReceivedRequest request, JsonObject item, JsonObject payload) {
		this.request = request;
		this.json = item.source();
		this.type = (item.get("type") instanceof String string) ? string : null;
		this.payload = (Map<String, @Nullable Object>) Json.unmodifiable(payload);
		this.payloadJson = payload.source();
	}

	/**
	 * Return the request the event came in.
	 * @return the request, to {@code /api/send} or {@code /api/batch}
	 */
	public ReceivedRequest request() {
		return this.request;
	}

	/**
	 * Return the whole event exactly as sent, {@code {"type": ..., "payload": {...}}}.
	 * @return the event's JSON text
	 */
	public String json() {
		return this.json;
	}

	/**
	 * Return the payload exactly as sent.
	 * @return the payload's JSON text
	 */
	public String payloadJson() {
		return this.payloadJson;
	}

	/**
	 * Return the payload as read: maps, lists, strings, numbers ({@code Integer},
	 * {@code Long} or {@code BigInteger} for integers, {@code Double} otherwise),
	 * booleans and {@code null}s.
	 * @return the payload, unmodifiable
	 */
	public Map<String, @Nullable Object> payload() {
		return this.payload;
	}

	/**
	 * Return the event's type.
	 * @return {@code event}, {@code identify}, {@code performance}, or {@code null} if
	 * the event had no string type
	 */
	public @Nullable String type() {
		return this.type;
	}

	/**
	 * Return whether the event is a pageview: of type {@code event} without a name.
	 * @return whether the event is a pageview
	 */
	public boolean isPageview() {
		return "event".equals(this.type) && name() == null;
	}

	/**
	 * Return the {@code website} field, the website id.
	 * @return the website id, or {@code null}
	 */
	public @Nullable String website() {
		return string("website");
	}

	/**
	 * Return the {@code name} field, the name of a custom event.
	 * @return the event name, or {@code null} (a pageview)
	 */
	public @Nullable String name() {
		return string("name");
	}

	/**
	 * Return the {@code url} field, the page's path and query.
	 * @return the URL, or {@code null}
	 */
	public @Nullable String url() {
		return string("url");
	}

	/**
	 * Return the {@code hostname} field.
	 * @return the host name, or {@code null}
	 */
	public @Nullable String hostname() {
		return string("hostname");
	}

	/**
	 * Return the {@code referrer} field.
	 * @return the referrer, or {@code null}
	 */
	public @Nullable String referrer() {
		return string("referrer");
	}

	/**
	 * Return the {@code language} field.
	 * @return the language, such as {@code en-US}, or {@code null}
	 */
	public @Nullable String language() {
		return string("language");
	}

	/**
	 * Return the {@code title} field, the page title.
	 * @return the title, or {@code null}
	 */
	public @Nullable String title() {
		return string("title");
	}

	/**
	 * Return the {@code screen} field.
	 * @return the screen size, such as {@code 1920x1080}, or {@code null}
	 */
	public @Nullable String screen() {
		return string("screen");
	}

	/**
	 * Return the {@code tag} field.
	 * @return the tag, or {@code null}
	 */
	public @Nullable String tag() {
		return string("tag");
	}

	/**
	 * Return the {@code id} field, the distinct id.
	 * @return the distinct id, or {@code null}
	 */
	public @Nullable String id() {
		return string("id");
	}

	/**
	 * Return the {@code ip} field, the visitor's IP address.
	 * @return the IP address, or {@code null}
	 */
	public @Nullable String ip() {
		return string("ip");
	}

	/**
	 * Return the {@code userAgent} field, the visitor's User-Agent. The request's
	 * {@code User-Agent} header is in {@link #request()}.
	 * @return the User-Agent, or {@code null}
	 */
	public @Nullable String userAgent() {
		return string("userAgent");
	}

	/**
	 * Return the {@code timestamp} field, in Unix seconds.
	 * @return the timestamp, or {@code null} if absent or not an integer
	 */
	public @Nullable Long timestamp() {
		Object value = this.payload.get("timestamp");
		return (value instanceof Integer || value instanceof Long) ? ((Number) value).longValue() : null;
	}

	/**
	 * Return the {@code data} field, the event or session data.
	 * @return the data, unmodifiable, as {@link #payload()} reads values; empty if the
	 * payload has no data object
	 */
	@SuppressWarnings("unchecked")
	public Map<String, @Nullable Object> data() {
		Object data = this.payload.get("data");
		return (data instanceof Map) ? (Map<String, @Nullable Object>) data : Collections.emptyMap();
	}

	private @Nullable String string(String field) {
		return (this.payload.get(field) instanceof String string) ? string : null;
	}

	@Override
	public String toString() {
		return this.json;
	}

}
