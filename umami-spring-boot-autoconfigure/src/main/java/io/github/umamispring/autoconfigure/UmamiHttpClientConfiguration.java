package io.github.umamispring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@link UmamiHttpClientConfigurer} of Spring Boot 4's HTTP client support,
 * when it is there; Boot 3.5's is registered by {@code umami-spring-boot3-autoconfigure}.
 *
 * @author umami-spring-boot contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(
		name = "org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration")
class UmamiHttpClientConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UmamiHttpClientConfigurer umamiHttpClientConfigurer(ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> settings) {
		return new UmamiClientHttpConnectors(connectorBuilder, settings);
	}

}
