package io.github.umamispring.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Keeps every header through which Umami would read a visitor's address out of the
 * requests to Umami, whatever added it: the visitor's IP reaches Umami only as the
 * payload's {@code ip}, under the privacy settings. The headers are those Umami 3 reads
 * in its {@code lib/ip.ts} ({@code x-forwarded-for}, {@code x-real-ip},
 * {@code cf-connecting-ip}, {@code forwarded}, ...). Every other header a
 * {@link UmamiWebClientCustomizer} adds (an {@code Authorization} header or an access
 * token for a protected Umami) is sent as given.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiHeadersFilter implements ExchangeFilterFunction {

	/**
	 * What Umami reads a client address from, when the payload has no {@code ip}.
	 */
	static final Set<String> ADDRESS_HEADERS = addressHeaders();

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return next.exchange(withoutAddressHeaders(request));
	}

	/**
	 * Written against what Spring Framework 6.2 and 7 share: 7's {@code HttpHeaders} is
	 * no longer a {@code Map}, and its {@code headerNames()}, {@code get(String)} and
	 * {@code remove(String)} are not in 6.2.
	 */
	private static ClientRequest withoutAddressHeaders(ClientRequest request) {
		boolean[] found = { false };
		request.headers().forEach((name, values) -> found[0] = found[0] || ADDRESS_HEADERS.contains(name));
		if (!found[0]) {
			// The usual case, spared a copy of the request per event
			return request;
		}
		Map<String, List<String>> kept = new LinkedHashMap<>();
		request.headers().forEach((name, values) -> {
			if (!ADDRESS_HEADERS.contains(name)) {
				kept.put(name, values);
			}
		});
		return ClientRequest.from(request).headers((headers) -> {
			headers.clear();
			kept.forEach(headers::addAll);
		}).build();
	}

	private static Set<String> addressHeaders() {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		names.addAll(List.of("x-client-ip", "x-forwarded-for", "cf-connecting-ip", "do-connecting-ip",
				"fastly-client-ip", "true-client-ip", "x-real-ip", "x-cluster-client-ip", "x-forwarded", "forwarded",
				"x-appengine-user-ip", "x-nf-client-connection-ip"));
		return names;
	}

}
