package io.github.umamispring.test.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.umamispring.test.server.UmamiAnswers.Answer;
import io.github.umamispring.test.server.UmamiAnswers.Body;

/**
 * Handles each HTTP exchange of a {@link MockUmamiServer}: records the request, applies
 * the {@link Failures} it was told to, and otherwise sends the answer of
 * {@link UmamiAnswers} for the path and method.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiHandler implements HttpHandler {

	static final String SEND_PATH = "/api/send";

	static final String BATCH_PATH = "/api/batch";

	private static final String HEARTBEAT_PATH = "/api/heartbeat";

	private final Recorder recorder;

	private final Failures failures;

	private final UmamiAnswers answers;

	UmamiHandler(Recorder recorder, Failures failures, UmamiAnswers answers) {
		this.recorder = recorder;
		this.failures = failures;
		this.answers = answers;
	}

	@Override
	public void handle(HttpExchange exchange) {
		Instant receivedAt = Instant.now();
		try {
			String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			URI uri = exchange.getRequestURI();
			ReceivedRequest request = new ReceivedRequest(exchange.getRequestMethod(), uri.getRawPath(),
					uri.getRawQuery(), exchange.getRequestHeaders(), text, receivedAt);
			Body body = Body.read(text);
			// Chosen before recording: a test that saw the request may reset, or set
			// the answer to the next requests, at once
			CountDownLatch stall = this.failures.currentStall();
			Answer canned = this.failures.takeCannedAnswer();
			this.recorder.record(request, body);
			if (stall != null) {
				stall.await();
				return;
			}
			if (!this.failures.awaitDelay()) {
				return;
			}
			Answer answer = (canned != null) ? canned : answer(request, body);
			request.answered(Instant.now());
			respond(exchange, answer);
		}
		catch (RuntimeException ex) {
			// A bug of this server: say so rather than leave the client guessing
			respondQuietly(exchange, new Answer(500, "MockUmamiServer failed: " + ex));
		}
		catch (IOException ex) {
			// The client went away
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			exchange.close();
		}
	}

	private Answer answer(ReceivedRequest request, Body body) {
		String method = request.method();
		return switch (request.path()) {
			case SEND_PATH ->
				"POST".equals(method) ? this.answers.send(body, request.header("User-Agent")) : methodNotAllowed();
			case BATCH_PATH ->
				"POST".equals(method) ? this.answers.batch(body, request.header("User-Agent")) : methodNotAllowed();
			case HEARTBEAT_PATH -> "GET".equals(method) ? this.answers.heartbeat() : methodNotAllowed();
			default -> new Answer(404, "Not Found");
		};
	}

	private static Answer methodNotAllowed() {
		return new Answer(405, "");
	}

	private static void respond(HttpExchange exchange, Answer answer) throws IOException {
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		String trimmed = answer.body().strip();
		exchange.getResponseHeaders()
			.set("Content-Type", (trimmed.startsWith("{") || trimmed.startsWith("[")) ? "application/json"
					: "text/plain;charset=utf-8");
		exchange.sendResponseHeaders(answer.status(), (body.length > 0) ? body.length : -1);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static void respondQuietly(HttpExchange exchange, Answer answer) {
		try {
			respond(exchange, answer);
		}
		catch (IOException | RuntimeException ex) {
			// The client went away, or the answer was under way
		}
	}

}
