package io.github.umamispring.test.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiAnswers}; {@link MockUmamiServerTests} checks its answers against
 * the recorded ones over HTTP.
 *
 * @author umami-spring-boot contributors
 */
class UmamiAnswersTests {

	@Test
	void defaultAgentsOfHttpClientsAndToolsAreBots() {
		assertThat(UmamiAnswers.isBot("ReactorNetty/1.2.0")).isTrue();
		assertThat(UmamiAnswers.isBot("Java-http-client/17.0.15")).isTrue();
		assertThat(UmamiAnswers.isBot("okhttp/5.3.2")).isTrue();
		assertThat(UmamiAnswers.isBot("curl/8.5.0")).isTrue();
		assertThat(UmamiAnswers.isBot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
			.isTrue();
		assertThat(UmamiAnswers.isBot("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
				+ " HeadlessChrome/124.0.0.0 Safari/537.36"))
			.isTrue();
	}

	@Test
	void browsersAreNotBots() {
		assertThat(UmamiAnswers.isBot("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
				+ " Chrome/124.0.0.0 Safari/537.36"))
			.isFalse();
		assertThat(UmamiAnswers.isBot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
				+ " (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"))
			.isFalse();
	}

	@Test
	void emptyOrMissingAgentIsNotABot() {
		assertThat(UmamiAnswers.isBot("")).isFalse();
		assertThat(UmamiAnswers.isBot(" ")).isFalse();
		assertThat(UmamiAnswers.isBot(null)).isFalse();
	}

}
