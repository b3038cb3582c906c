package io.github.umamispring.testcontainers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.BasicJsonParser;
import org.springframework.boot.json.JsonParseException;
import org.springframework.boot.json.JsonParser;
import org.springframework.boot.json.JsonWriter;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Minimal client for Umami's REST API (not its collection endpoint): logs in and creates
 * the website that a {@link UmamiContainer} reports, and reads events back for tests.
 * Uses the JDK's HTTP client so that it needs no web stack.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiApiClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonWriter<Object> JSON = JsonWriter.standard();

	private final JsonParser jsonParser = new BasicJsonParser();

	private final String hostUrl;

	private final HttpClient httpClient;

	UmamiApiClient(String hostUrl) {
		Assert.hasText(hostUrl, "'hostUrl' must not be empty");
		this.hostUrl = hostUrl.endsWith("/") ? hostUrl.substring(0, hostUrl.length() - 1) : hostUrl;
		this.httpClient = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
	}

	/**
	 * Log in with {@code POST /api/auth/login}.
	 * @param username the user name
	 * @param password the password
	 * @return the bearer token
	 */
	String login(String username, String password) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("username", username);
		body.put("password", password);
		Map<String, Object> response = send("POST", "/api/auth/login", null, body);
		return requiredString(response, "token", "/api/auth/login");
	}

	/**
	 * Create a website with {@code POST /api/websites}.
	 * @param token the bearer token from {@link #login(String, String)}
	 * @param name the website's name
	 * @param domain the website's domain
	 * @return the new website's id
	 */
	String createWebsite(String token, String name, String domain) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("domain", domain);
		Map<String, Object> response = send("POST", "/api/websites", token, body);
		return requiredString(response, "id", "/api/websites");
	}

	/**
	 * Read the events Umami stored for a website between two instants with {@code GET
	 * /api/websites/{id}/events}.
	 * @param token the bearer token from {@link #login(String, String)}
	 * @param websiteId the website id
	 * @param startAt the start of the period
	 * @param endAt the end of the period
	 * @return the events, each with fields such as {@code eventName} and {@code urlPath}
	 */
	List<Map<String, Object>> getEvents(String token, String websiteId, Instant startAt, Instant endAt) {
		String path = "/api/websites/" + websiteId + "/events?startAt=" + startAt.toEpochMilli() + "&endAt="
				+ endAt.toEpochMilli() + "&pageSize=100";
		Map<String, Object> response = send("GET", path, token, null);
		List<Map<String, Object>> events = new ArrayList<>();
		if (response.get("data") instanceof List<?> data) {
			for (Object element : data) {
				if (element instanceof Map<?, ?> event) {
					Map<String, Object> copy = new LinkedHashMap<>();
					event.forEach((key, value) -> copy.put(String.valueOf(key), value));
					events.add(copy);
				}
			}
		}
		return events;
	}

	private Map<String, Object> send(String method, String path, @Nullable String token,
			@Nullable Map<String, Object> body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.hostUrl + path))
			.timeout(TIMEOUT)
			.header("Accept", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(JSON.writeToString(body))
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = execute(request.build(), method, path);
		if (response.statusCode() < 200 || response.statusCode() >= 300) {
			throw new IllegalStateException("Umami answered " + response.statusCode() + " to " + method + " " + path
					+ ": " + abbreviate(response.body()));
		}
		try {
			return this.jsonParser.parseMap(response.body());
		}
		catch (JsonParseException ex) {
			throw new IllegalStateException("Umami answered " + method + " " + path + " with a body that is not a JSON"
					+ " object: " + abbreviate(response.body()), ex);
		}
	}

	private HttpResponse<String> execute(HttpRequest request, String method, String path) {
		try {
			return this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not reach Umami at " + this.hostUrl + " for " + method + " " + path,
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling Umami at " + this.hostUrl, ex);
		}
	}

	private static String requiredString(Map<String, Object> response, String field, String path) {
		Object value = response.get(field);
		if (!(value instanceof String string) || !StringUtils.hasText(string)) {
			throw new IllegalStateException("Umami's answer to " + path + " has no '" + field + "': "
					+ abbreviate(JSON.writeToString(response)));
		}
		return string;
	}

	private static String abbreviate(String text) {
		return (text.length() <= 300) ? text : text.substring(0, 297) + "...";
	}

}
