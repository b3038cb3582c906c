package io.github.umamispring.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.umamispring.UmamiEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonWriter;
import org.springframework.util.Assert;

/**
 * Turns a {@link UmamiEvent} into the exact request Umami's {@code /api/send} expects,
 * filling in the configured defaults: {@code {"type": ..., "payload": {...}}} with absent
 * fields left out.
 *
 * @author umami-spring-boot contributors
 */
public final class UmamiRequestFactory {

	private static final JsonWriter<Object> JSON = JsonWriter.standard();

	/**
	 * Room for the JSON of one event with a little data, visitor IP and User-Agent, so
	 * that the buffer it is written to does not grow as it is written.
	 */
	private static final int EVENT_JSON_CAPACITY = 512;

	private final @Nullable String websiteId;

	private final @Nullable String hostname;

	private final String userAgent;

	/**
	 * Create a factory.
	 * @param websiteId the website for events that name none
	 * @param hostname the hostname for events that have none
	 * @param userAgent the {@code User-Agent} for events without a visitor agent
	 */
	public UmamiRequestFactory(@Nullable String websiteId, @Nullable String hostname, String userAgent) {
		Assert.hasText(userAgent, "'userAgent' must not be empty");
		this.websiteId = websiteId;
		this.hostname = hostname;
		this.userAgent = userAgent;
	}

	public UmamiRequest createRequest(UmamiEvent event) {
		Assert.notNull(event, "'event' must not be null");
		return createRequest(event, event.getCacheToken());
	}

	/**
	 * Create the request for an event with the visitor's cache token, which the event
	 * need not carry itself.
	 * @param event the event
	 * @param cacheToken the {@code x-umami-cache} token, or {@code null} to send none
	 * @return the request
	 */
	public UmamiRequest createRequest(UmamiEvent event, @Nullable String cacheToken) {
		Assert.notNull(event, "'event' must not be null");
		String agent = (event.getUserAgent() != null) ? event.getUserAgent() : this.userAgent;
		return new UmamiRequest(toJson(body(event), EVENT_JSON_CAPACITY), agent, cacheToken);
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
	public UmamiRequest createBatchRequest(List<UmamiEvent> events, @Nullable String cacheToken) {
		Assert.notEmpty(events, "'events' must not be empty");
		List<Object> bodies = new ArrayList<>(events.size());
		events.forEach((event) -> bodies.add(body(event)));
		return new UmamiRequest(toJson(bodies, EVENT_JSON_CAPACITY * events.size()), this.userAgent, cacheToken);
	}

	/**
	 * Return the website the event goes to: its own, else the configured one.
	 * @param event the event
	 * @return the website id, or {@code null} when neither is set
	 */
	public @Nullable String websiteFor(UmamiEvent event) {
		return (event.getWebsite() != null) ? event.getWebsite() : this.websiteId;
	}

	/**
	 * Return the body Umami expects for the event, as maps in field order.
	 * @param event the event
	 * @return the send body
	 */
	public Map<String, Object> body(UmamiEvent event) {
		Map<String, Object> payload = new LinkedHashMap<>();
		putIfSet(payload, "website", websiteFor(event));
		putIfSet(payload, "hostname", (event.getHostname() != null) ? event.getHostname() : this.hostname);
		putIfSet(payload, "language", event.getLanguage());
		putIfSet(payload, "referrer", event.getReferrer());
		putIfSet(payload, "screen", event.getScreen());
		putIfSet(payload, "title", event.getTitle());
		putIfSet(payload, "url", event.getUrl());
		putIfSet(payload, "name", event.getName());
		putIfSet(payload, "tag", event.getTag());
		if (!event.getData().isEmpty()) {
			payload.put("data", event.getData());
		}
		putIfSet(payload, "id", event.getId());
		if (event.getTimestamp() != null) {
			payload.put("timestamp", event.getTimestamp().getEpochSecond());
		}
		putIfSet(payload, "ip", event.getIp());
		putIfSet(payload, "userAgent", event.getUserAgent());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", event.getType().getValue());
		body.put("payload", payload);
		return body;
	}

	/**
	 * Write the JSON into a buffer sized for it up front:
	 * {@link JsonWriter#writeToString} starts from 16 characters and copies the buffer
	 * every time it grows.
	 */
	private static String toJson(Object value, int capacity) {
		StringBuilder json = new StringBuilder(capacity);
		try {
			JSON.write(value).to(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return json.toString();
	}

	private static void putIfSet(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
