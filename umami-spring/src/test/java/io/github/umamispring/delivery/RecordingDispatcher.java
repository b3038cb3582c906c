package io.github.umamispring.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.github.umamispring.testsupport.Json;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A {@link Dispatcher} that answers with a script and records every request with the time
 * it arrived, so that tests can assert what was sent and when, without sleeping.
 *
 * @author umami-spring-boot contributors
 */
public class RecordingDispatcher extends Dispatcher {

	private final Function<Received, MockResponse> script;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	public RecordingDispatcher(Function<Received, MockResponse> script) {
		this.script = script;
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		Received received = new Received(System.nanoTime(), request.getMethod(), request.getUrl().encodedPath(),
				request.getHeaders().toMultimap(), (request.getBody() != null) ? request.getBody().utf8() : "",
				this.received.size());
		this.received.add(received);
		return this.script.apply(received);
	}

	public List<Received> received() {
		return this.received;
	}

	public List<Received> received(String path) {
		return this.received.stream().filter((request) -> request.path().equals(path)).toList();
	}

	/**
	 * A request as it arrived.
	 *
	 * @param nanoTime when it arrived, from {@link System#nanoTime()}
	 * @param method the HTTP method
	 * @param path the path
	 * @param headers the headers, by lower-case name
	 * @param body the body
	 * @param index how many requests came before it
	 */
	public record Received(long nanoTime, String method, String path, Map<String, List<String>> headers, String body,
			int index) {

		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

		public Map<String, Object> json() {
			return Json.parseMap(this.body);
		}

		public List<Object> jsonArray() {
			return Json.parseList(this.body);
		}

		@SuppressWarnings("unchecked")
		public Map<String, Object> payload() {
			return (Map<String, Object>) json().get("payload");
		}

	}

}
