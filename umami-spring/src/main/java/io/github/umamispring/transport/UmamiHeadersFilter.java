package io.github.umamispring.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Sends Umami only the headers it needs ({@code Content-Type}, {@code User-Agent},
 * {@code x-umami-cache} and {@code x-umami-api-key}) and no cookies, whatever filters and
 * default headers of the client's builder added: an {@code Authorization} header or a
 * trace id of the application stays inside it.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiHeadersFilter implements ExchangeFilterFunction {

	private static final Set<String> ALLOWED_HEADERS = allowedHeaders();

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return next.exchange(onlyUmamiHeaders(request));
	}

	/**
	 * Keep only the headers Umami needs. Written against what Spring Framework 6.2 and 7
	 * share: 7's {@code HttpHeaders} is no longer a {@code Map}, and its
	 * {@code headerNames()}, {@code get(String)} and {@code remove(String)} are not in
	 * 6.2.
	 */
	private static ClientRequest onlyUmamiHeaders(ClientRequest request) {
		if (request.cookies().isEmpty() && hasOnlyUmamiHeaders(request.headers())) {
			// The usual case, spared a copy of the request per event
			return request;
		}
		Map<String, List<String>> kept = new LinkedHashMap<>();
		request.headers().forEach((name, values) -> {
			if (ALLOWED_HEADERS.contains(name)) {
				kept.put(name, values);
			}
		});
		return ClientRequest.from(request).headers((headers) -> {
			headers.clear();
			kept.forEach(headers::addAll);
		}).cookies(MultiValueMap::clear).build();
	}

	private static boolean hasOnlyUmamiHeaders(HttpHeaders headers) {
		boolean[] only = { true };
		headers.forEach((name, values) -> only[0] = only[0] && ALLOWED_HEADERS.contains(name));
		return only[0];
	}

	private static Set<String> allowedHeaders() {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		names.add(HttpHeaders.CONTENT_TYPE);
		names.add(HttpHeaders.USER_AGENT);
		names.add(WebClientUmamiTransport.CACHE_HEADER);
		names.add(WebClientUmamiTransport.API_KEY_HEADER);
		return names;
	}

}
