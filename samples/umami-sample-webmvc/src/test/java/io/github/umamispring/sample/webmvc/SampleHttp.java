package io.github.umamispring.sample.webmvc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Calls the running sample over HTTP the way a browser would.
 */
final class SampleHttp {

	static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

	private final HttpClient client = HttpClient.newHttpClient();

	private final int port;

	SampleHttp(int port) {
		this.port = port;
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(browser(path).GET().build());
	}

	HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
		return send(browser(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
		return send(browser(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private HttpRequest.Builder browser(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("User-Agent", FIREFOX)
			.header("Accept", "text/html,application/json")
			.header("Accept-Language", "de-DE,de;q=0.9,en;q=0.8")
			.header("Referer", "https://www.example.org/blog");
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
