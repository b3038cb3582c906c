package io.github.umamispring.delivery;

import java.util.List;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.internal.UmamiJson;
import io.github.umamispring.transport.UmamiRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Turns a {@link UmamiEvent} into the exact request Umami's {@code /api/send} expects,
 * filling in the configured defaults: {@code {"type": ..., "payload": {...}}} with absent
 * fields left out.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiRequestFactory {

	/**
	 * Room for the JSON of one event with a little data, visitor IP and User-Agent, so
	 * that the buffer it is written to does not grow as it is written.
	 */
	private static final int EVENT_JSON_CAPACITY = 512;

	private final UmamiEventDefaults defaults;

	private final String userAgent;

	UmamiRequestFactory(UmamiEventDefaults defaults) {
		this.defaults = defaults;
		this.userAgent = defaults.userAgent();
	}

	/**
	 * Create the request for an event with the visitor's cache token, which the event
	 * need not carry itself.
	 * @param event the event
	 * @param cacheToken the {@code x-umami-cache} token, or {@code null} to send none
	 * @return the request
	 */
	UmamiRequest createRequest(UmamiEvent event, @Nullable String cacheToken) {
		Assert.notNull(event, "'event' must not be null");
		String agent = (event.getUserAgent() != null) ? event.getUserAgent() : this.userAgent;
		StringBuilder json = new StringBuilder(EVENT_JSON_CAPACITY);
		writeBody(json, event);
		return new UmamiRequest(json.toString(), agent, cacheToken);
	}

	/**
	 * Create a request for Umami's {@code /api/batch}: a JSON array of send bodies. Every
	 * item carries its own visitor's {@code ip} and {@code userAgent}, since the items
	 * share the request's headers; the {@code User-Agent} header is the default one, for
	 * items without a visitor agent.
	 * @param events the events, at least one
	 * @param cacheToken the {@code x-umami-cache} header, only for a batch of one
	 * visitor, or {@code null}
	 * @return the request
	 */
	UmamiRequest createBatchRequest(List<UmamiEvent> events, @Nullable String cacheToken) {
		Assert.notEmpty(events, "'events' must not be empty");
		StringBuilder json = new StringBuilder(EVENT_JSON_CAPACITY * events.size()).append('[');
		for (UmamiEvent event : events) {
			if (json.length() > 1) {
				json.append(',');
			}
			writeBody(json, event);
		}
		return new UmamiRequest(json.append(']').toString(), this.userAgent, cacheToken);
	}

	/**
	 * Return the website the event goes to (see {@link UmamiEventDefaults}).
	 * @param event the event
	 * @return the website id, or {@code null} when there is none
	 */
	@Nullable String websiteFor(UmamiEvent event) {
		return this.defaults.websiteFor(event);
	}

	/**
	 * Write the body Umami expects for the event: {@code {"type": ..., "payload": {...}}}
	 * with the payload's fields in a fixed order and absent ones left out.
	 */
	private void writeBody(StringBuilder json, UmamiEvent event) {
		json.append("{\"type\":\"").append(event.getKind().getPayloadType()).append("\",\"payload\":{");
		int payload = json.length();
		member(json, payload, "website", websiteFor(event));
		member(json, payload, "hostname", this.defaults.hostnameFor(event));
		member(json, payload, "language", event.getLanguage());
		member(json, payload, "referrer", event.getReferrer());
		member(json, payload, "screen", event.getScreen());
		member(json, payload, "title", event.getTitle());
		member(json, payload, "url", event.getUrl());
		member(json, payload, "name", event.getName());
		member(json, payload, "tag", event.getTag());
		if (!event.getData().isEmpty()) {
			member(json, payload, "data", event.getData());
		}
		member(json, payload, "id", event.getId());
		if (event.getTimestamp() != null) {
			member(json, payload, "timestamp", event.getTimestamp().getEpochSecond());
		}
		member(json, payload, "ip", event.getIp());
		member(json, payload, "userAgent", event.getUserAgent());
		json.append("}}");
	}

	private static void member(StringBuilder json, int objectStart, String name, @Nullable Object value) {
		if (value != null) {
			UmamiJson.name(json, objectStart, name);
			UmamiJson.value(json, value);
		}
	}

}
