package io.github.umamispring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiUrlSyntax}: hosts and URLs as a browser's URL parser, and so
 * Umami's, reads them.
 */
class UmamiUrlSyntaxTests {

	@ParameterizedTest
	@CsvSource({ "shop.example.com, shop.example.com", "SHOP.Example.COM:8443, shop.example.com",
			"Bücher.example, xn--bcher-kva.example", "[2001:DB8::1]:443, [2001:db8::1]", "203.0.113.7, 203.0.113.7",
			"example.com., example.com.", "my_host.local, my_host.local" })
	void readsHostAsBrowsersWriteIt(String host, String expected) {
		assertThat(UmamiUrlSyntax.host(host)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ":80", "exa mple.com", "a/b", "a|b", "user@example.com", "example.com:99999",
			"example.com:8o", "1.2.3.999", "::1", "[::1%eth0]", "[zz]", "a\u0000b" })
	void refusesHostTheParserRefuses(String host) {
		assertThat(UmamiUrlSyntax.host(host)).isNull();
	}

	@Test
	void refusesHostEndingInANumberThatIsNotAnAddress() {
		assertThat(UmamiUrlSyntax.host("shop.123")).isNull();
		assertThat(UmamiUrlSyntax.host("shop.0x1f")).isNull();
		assertThat(UmamiUrlSyntax.host("shop.1a")).isEqualTo("shop.1a");
		assertThat(UmamiUrlSyntax.host("shop.0x1g")).isEqualTo("shop.0x1g");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/path?q=a b", "path", "https://www.google.com/", "HTTPS://Example.com:443/x",
			"android-app://com.google.android.gm/", "mailto:someone@example.com", "//example.com/x", "not a url" })
	void keepsUrlTheParserReads(String url) {
		assertThat(UmamiUrlSyntax.readable(url)).isSameAs(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://exa mple.com/", "http:", "https://", "//bad host/", "\\\\bad host\\x",
			"https://example.com:70000/", "foo://a b/", "ftp://[zz]/" })
	void refusesUrlTheParserRefuses(String url) {
		assertThat(UmamiUrlSyntax.readable(url)).isNull();
	}

	@Test
	void removesUserInformation() {
		assertThat(UmamiUrlSyntax.readable("https://alice:secret@example.com/page?q=1"))
			.isEqualTo("https://example.com/page?q=1");
		assertThat(UmamiUrlSyntax.readable("//alice@example.com/")).isEqualTo("//example.com/");
	}

}
