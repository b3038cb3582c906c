package io.github.umamispring.boot3;

import io.github.umamispring.autoconfigure.UmamiAutoConfiguration;
import io.github.umamispring.autoconfigure.UmamiHttpClientConfigurer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorSettings;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of Umami's HTTP client on Spring Boot 3.5: Boot's reactive HTTP
 * client settings, SSL bundles and connector customizers apply to it, as they do on Boot
 * 4.
 *
 * @author umami-spring-boot contributors
 */
@AutoConfiguration(before = UmamiAutoConfiguration.class)
@ConditionalOnClass(
		name = "org.springframework.boot.autoconfigure.http.client.reactive.ClientHttpConnectorAutoConfiguration")
public final class UmamiBoot3HttpClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UmamiHttpClientConfigurer umamiHttpClientConfigurer(ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<ClientHttpConnectorSettings> settings) {
		return new UmamiBoot3HttpClientConfigurer(connectorBuilder, settings);
	}

}
