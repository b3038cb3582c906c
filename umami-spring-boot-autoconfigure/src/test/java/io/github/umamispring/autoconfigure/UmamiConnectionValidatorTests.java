package io.github.umamispring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiConnectionValidator}'s check of {@code umami.hostname}, a value
 * fixed in configuration: refused at startup when Umami cannot take it.
 *
 * @author umami-spring-boot contributors
 */
class UmamiConnectionValidatorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, UmamiAutoConfiguration.class))
		.withPropertyValues("umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f");

	@ParameterizedTest
	@ValueSource(strings = { "https://shop.example.com/", "shop example", "shop.example.com/path" })
	void failsAtStartupWhenHostnameIsNotAHostName(String hostname) {
		this.contextRunner.withPropertyValues("umami.hostname=" + hostname)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("umami.hostname");
					assertThat(ex.getValue()).isEqualTo(hostname);
					assertThat(ex.getReason()).contains("Set 'umami.hostname' to the host name visitors see");
				}));
	}

	@Test
	void failsAtStartupWhenHostnameIsLongerThanUmamiTakes() {
		this.contextRunner.withPropertyValues("umami.hostname=" + "h".repeat(60) + "." + "x".repeat(40))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("at most 100 characters"));
	}

	@Test
	void sendsHostnameAsBrowsersDo() {
		assertThat(UmamiConnectionValidator.hostname("Shop.Bücher.Example:8443"))
			.isEqualTo("shop.xn--bcher-kva.example");
		assertThat(UmamiConnectionValidator.hostname(" ")).isNull();
		assertThat(UmamiConnectionValidator.hostname(null)).isNull();
		this.contextRunner.withPropertyValues("umami.hostname=Shop.Example.com")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
