package io.github.umamispring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.umamispring.transport.UmamiWebClientCustomizer;
import io.github.umamispring.transport.WebClientUmamiTransport;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.ClassUtils;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the {@link WebClient} dedicated to Umami: explicit timeouts, only the headers
 * Umami needs, whatever the application configured on its shared builder, and no
 * observations (no {@code http.client.requests} metric, no tracing span per analytics
 * event) unless {@code umami.observations.enabled=true}.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiWebClientFactory {

	/**
	 * Whether Spring Boot 4's HTTP client settings are there. Boot 3.5 has classes of the
	 * same names but another shape (no {@code HttpClientSettings.defaults()}), and is
	 * served by the plain connectors below.
	 */
	private static final boolean BOOT_HTTP_CLIENT_PRESENT = isBoot4HttpClientPresent();

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			UmamiWebClientFactory.class.getClassLoader());

	private static final Set<String> ALLOWED_HEADERS = allowedHeaders();

	private UmamiWebClientFactory() {
	}

	/**
	 * Build the client.
	 * @param builder a builder of the caller's own (a clone of Boot's, or a new one)
	 * @param properties the timeouts
	 * @param longestReadTimeout the longest read timeout the tracker gives a request
	 * @param customizers the Umami customizers, in order
	 * @param beanFactory where Boot's HTTP client connector builder and settings are
	 * @return the client
	 */
	static WebClient create(WebClient.Builder builder, UmamiProperties properties, Duration longestReadTimeout,
			Iterable<UmamiWebClientCustomizer> customizers, BeanFactory beanFactory) {
		if (!properties.getObservations().isEnabled()) {
			// Boot's builder carries the application's registry: without this, every
			// analytics event would start a trace (umami.send measures the requests)
			builder.observationRegistry(ObservationRegistry.NOOP);
		}
		builder
			.clientConnector(connector(properties.getConnectTimeout(), properties.getReadTimeout(), longestReadTimeout,
					beanFactory))
			// Last of the application's filters: whatever they or default headers added
			// (Authorization, cookies, trace ids) stays inside the application
			.filter((request, next) -> next.exchange(onlyUmamiHeaders(request)));
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
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

	/**
	 * Build the connector with Boot 4's HTTP client support when it is there, so that the
	 * application's {@code spring.http.clients.*} settings (connector, SSL bundle,
	 * redirects) and {@code ClientHttpConnectorBuilderCustomizer} beans (a proxy, say)
	 * apply to Umami too; Umami's timeouts replace the global ones. Elsewhere (Boot 3.5)
	 * Reactor Netty, else the JDK's client, with Umami's timeouts. Only Reactor Netty's
	 * response timeout can be raised for one request (a batch, a request sent behind
	 * others): other clients get the longest read timeout a request can have, and the
	 * tracker bounds each request itself.
	 */
	private static ClientHttpConnector connector(Duration connectTimeout, Duration readTimeout,
			Duration longestReadTimeout, BeanFactory beanFactory) {
		if (BOOT_HTTP_CLIENT_PRESENT) {
			return BootHttpClient.connector(beanFactory, connectTimeout, readTimeout, longestReadTimeout);
		}
		if (REACTOR_NETTY_PRESENT) {
			return ReactorNetty.connector(connectTimeout, readTimeout);
		}
		java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().connectTimeout(connectTimeout).build();
		JdkClientHttpConnector connector = new JdkClientHttpConnector(client);
		connector.setReadTimeout(longestReadTimeout);
		return connector;
	}

	private static boolean isBoot4HttpClientPresent() {
		ClassLoader classLoader = UmamiWebClientFactory.class.getClassLoader();
		String settings = "org.springframework.boot.http.client.HttpClientSettings";
		return ClassUtils.isPresent("org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder",
				classLoader) && ClassUtils.isPresent(settings, classLoader)
				&& ClassUtils.hasMethod(ClassUtils.resolveClassName(settings, classLoader), "defaults");
	}

	private static Set<String> allowedHeaders() {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		names.add(HttpHeaders.CONTENT_TYPE);
		names.add(HttpHeaders.USER_AGENT);
		names.add(WebClientUmamiTransport.CACHE_HEADER);
		names.add(WebClientUmamiTransport.API_KEY_HEADER);
		return names;
	}

	/**
	 * Kept apart so that Boot 4's HTTP client support is only loaded when present.
	 */
	private static final class BootHttpClient {

		@SuppressWarnings("unchecked")
		static ClientHttpConnector connector(BeanFactory beanFactory, Duration connectTimeout, Duration readTimeout,
				Duration longestReadTimeout) {
			ClientHttpConnectorBuilder<?> builder = beanFactory.getBeanProvider(ClientHttpConnectorBuilder.class)
				.getIfAvailable(ClientHttpConnectorBuilder::detect);
			HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
				.getIfAvailable(HttpClientSettings::defaults);
			boolean reactorNetty = REACTOR_NETTY_PRESENT && builder instanceof ReactorClientHttpConnectorBuilder;
			if (reactorNetty) {
				builder = ((ReactorClientHttpConnectorBuilder) builder)
					.withHttpClientCustomizer(ReactorNetty::withoutCompression);
			}
			return builder
				.build(settings.withTimeouts(connectTimeout, reactorNetty ? readTimeout : longestReadTimeout));
		}

	}

	/**
	 * Kept apart so that Reactor Netty is only loaded when present.
	 */
	private static final class ReactorNetty {

		/**
		 * Ask for answers as they are, not compressed, as Boot's HTTP clients do by
		 * default: Umami answers a few hundred bytes, which compression does not shrink,
		 * and a decompressor would handle every answer.
		 */
		static HttpClient withoutCompression(HttpClient client) {
			return client.compress(false);
		}

		static ClientHttpConnector connector(Duration connectTimeout, Duration readTimeout) {
			HttpClient client = HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()))
				.responseTimeout(readTimeout);
			return new ReactorClientHttpConnector(client);
		}

	}

}
