package io.github.umamispring.test.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as a {@link MockUmamiServer} received it. Immutable, but for the time
 * it was answered, set once the server answers it.
 *
 * @author umami-spring-boot contributors
 */
public final class ReceivedRequest {

	private final String method;

	private final String path;

	private final @Nullable String query;

	private final Map<String, List<String>> headers;

	private final String body;

	private final Instant receivedAt;

	private volatile @Nullable Instant answeredAt;

	ReceivedRequest(String method, String path, @Nullable String query, Map<String, List<String>> headers, String body,
			Instant receivedAt) {
		this.method = method;
		this.path = path;
		this.query = query;
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		this.headers = Collections.unmodifiableMap(copy);
		this.body = body;
		this.receivedAt = receivedAt;
	}

	/**
	 * Return the request method.
	 * @return the method, such as {@code POST}
	 */
	public String method() {
		return this.method;
	}

	/**
	 * Return the request path, without the query.
	 * @return the path, such as {@code /api/send}
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Return the query of the request URI, still encoded.
	 * @return the query, or {@code null} if the URI has none
	 */
	public @Nullable String query() {
		return this.query;
	}

	/**
	 * Return the request headers. Names are matched ignoring case.
	 * @return the headers, each with its values in the order received
	 */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	/**
	 * Return the first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} if the request has no such header
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Return the request body, decoded as UTF-8.
	 * @return the body, empty if the request had none
	 */
	public String body() {
		return this.body;
	}

	/**
	 * Return when the request arrived: when the server had read its headers.
	 * @return the arrival time
	 */
	public Instant receivedAt() {
		return this.receivedAt;
	}

	/**
	 * Return when the server began to send its answer to the request, for tests of what
	 * an application does before Umami answers, such as answering its own caller first.
	 * @return the time, or {@code null} if the server has not answered the request (yet):
	 * it stalls or delays, or it closed the connection without an answer
	 */
	public @Nullable Instant answeredAt() {
		return this.answeredAt;
	}

	void answered(Instant answeredAt) {
		this.answeredAt = answeredAt;
	}

	@Override
	public String toString() {
		List<String> parts = new ArrayList<>();
		parts.add(this.method + " " + this.path + ((this.query != null) ? "?" + this.query : ""));
		if (!this.body.isEmpty()) {
			parts.add((this.body.length() <= 500) ? this.body : this.body.substring(0, 497) + "...");
		}
		return String.join(" ", parts);
	}

}
