package io.github.umamispring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiEventLimits}: the fields of an event that come from visitors are
 * fitted into Umami's limits, never refused.
 */
class UmamiEventLimitsTests {

	@Test
	void lowersHostnameAndDropsItsPortAsBrowsersDo() {
		UmamiEvent event = UmamiEvent.event("view").hostname("SHOP.Example.COM:8443").build();
		assertThat(event.getHostname()).isEqualTo("shop.example.com");
		assertThat(event.getAdjustments()).isEmpty();
	}

	@Test
	void sendsInternationalizedHostnameInPunycode() {
		assertThat(UmamiEvent.event("view").hostname("Bücher.Example").build().getHostname())
			.isEqualTo("xn--bcher-kva.example");
		assertThat(UmamiEvent.event("view").hostname("[2001:DB8::1]:443").build().getHostname())
			.isEqualTo("[2001:db8::1]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "exa mple.com", "a/b", "user@example.com", "example.com:99999", "1.2.3.999", "::1" })
	void leavesOutMalformedHostname(String hostname) {
		UmamiEvent event = UmamiEvent.event("view").hostname(hostname).build();
		assertThat(event.getHostname()).isNull();
		assertThat(event.getAdjustments()).singleElement()
			.isEqualTo(new UmamiAdjustment("hostname", "left out: not a host name"));
	}

	@Test
	void leavesOutHostnameOverUmamisLimit() {
		String hostname = "h".repeat(60) + "." + "x".repeat(40);
		UmamiEvent event = UmamiEvent.event("e").hostname(hostname).build();
		assertThat(event.getHostname()).isNull();
		assertThat(event.getAdjustments()).singleElement()
			.isEqualTo(new UmamiAdjustment("hostname", "left out: 101 characters long, over Umami's limit of 100"));
		assertThat(UmamiEvent.event("e").hostname(hostname.substring(1)).build().getHostname()).hasSize(100);
	}

	@Test
	void cutsLanguageToItsFirstSubtags() {
		String language = "de-CH-x-abcdefgh-abcdefgh-abcdefgh-abcde";
		UmamiEvent event = UmamiEvent.event("e").language(language).build();
		assertThat(language).hasSize(40);
		assertThat(event.getLanguage()).isEqualTo("de-CH-x-abcdefgh-abcdefgh-abcdefgh");
		assertThat(event.getAdjustments()).singleElement()
			.isEqualTo(new UmamiAdjustment("language",
					"cut to its first subtags: 40 characters long, over Umami's limit of 35"));
	}

	@Test
	void leavesOutLanguageThatCannotBeCutOrIsNotATag() {
		assertThat(UmamiEvent.event("e").language("l".repeat(36)).build().getLanguage()).isNull();
		UmamiEvent event = UmamiEvent.event("e").language("en; DROP TABLE").build();
		assertThat(event.getLanguage()).isNull();
		assertThat(event.getAdjustments()).extracting(UmamiAdjustment::field).containsExactly("language");
		assertThat(UmamiEvent.event("e").language("en-").build().getLanguage()).isNull();
		assertThat(UmamiEvent.event("e").language("-en").build().getLanguage()).isNull();
		assertThat(UmamiEvent.event("e").language("en--US").build().getLanguage()).isNull();
		assertThat(UmamiEvent.event("e").language("en-US").build().getLanguage()).isEqualTo("en-US");
		assertThat(UmamiEvent.event("e").language("de_CH").build().getLanguage()).isEqualTo("de_CH");
	}

	@Test
	void leavesOutScreenThatIsNotASizeUmamiAccepts() {
		assertThat(UmamiEvent.event("e").screen("1920x1080").build().getScreen()).isEqualTo("1920x1080");
		assertThat(UmamiEvent.event("e").screen("123456x12345").build().getScreen()).isNull();
		assertThat(UmamiEvent.event("e").screen("wide").build().getAdjustments()).extracting(UmamiAdjustment::field)
			.containsExactly("screen");
	}

	@Test
	void cutsTitleToFiveHundredCharactersWithAMarker() {
		UmamiEvent event = UmamiEvent.pageview("/").title("t".repeat(600)).build();
		assertThat(event.getTitle()).hasSize(500).endsWith("t\u2026");
		assertThat(event.getAdjustments()).extracting(UmamiAdjustment::field).containsExactly("title");
	}

	@Test
	void leavesOutDistinctIdOverUmamisLimit() {
		UmamiEvent event = UmamiEvent.identify("i".repeat(51)).build();
		assertThat(event.getId()).isNull();
		assertThat(event.getAdjustments()).extracting(UmamiAdjustment::field).containsExactly("id");
		assertThat(UmamiEvent.identify("i".repeat(50)).build().getId()).hasSize(50);
	}

	@Test
	void leavesOutAnAddressThatIsNotAnIp() {
		UmamiEvent event = UmamiEvent.event("e").ip("not-an-ip").build();
		assertThat(event.getIp()).isNull();
		assertThat(event.getAdjustments()).singleElement()
			.isEqualTo(new UmamiAdjustment("ip", "left out: not an IP address"));
		assertThat(UmamiEvent.event("e").ip("999.1.1.1").build().getIp()).isNull();
		assertThat(UmamiEvent.event("e").ip("zz:1").build().getIp()).isNull();
	}

	@Test
	void sendsIpAddressesAsLiteralsWithoutBracketsOrZone() {
		assertThat(UmamiEvent.event("e").ip("203.0.113.7").build().getIp()).isEqualTo("203.0.113.7");
		assertThat(UmamiEvent.event("e").ip("2001:db8::7").build().getIp()).isEqualTo("2001:db8::7");
		assertThat(UmamiEvent.event("e").ip("[fe80::1%eth0]").build().getIp()).isEqualTo("fe80::1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://exa mple.com/", "http://[zz]/", "https://example.com:70000/", "http:",
			"//bad host/page", "https://1.2.3.999/" })
	void leavesOutReferrerThatUmamisUrlParserRefuses(String referrer) {
		UmamiEvent event = UmamiEvent.event("e").referrer(referrer).build();
		assertThat(event.getReferrer()).isNull();
		assertThat(event.getAdjustments()).singleElement()
			.isEqualTo(new UmamiAdjustment("referrer", "left out: not a URL Umami can read"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://www.google.com/search?q=a b", "/relative/path", "android-app://com.google.gm/",
			"https://Bücher.example/", "http://[2001:db8::1]:8080/x", "not a url, yet a path to Umami" })
	void keepsReferrerThatUmamisUrlParserReads(String referrer) {
		UmamiEvent event = UmamiEvent.event("e").referrer(referrer).build();
		assertThat(event.getReferrer()).isEqualTo(referrer);
		assertThat(event.getAdjustments()).isEmpty();
	}

	@Test
	void removesUserInformationFromReferrer() {
		UmamiEvent event = UmamiEvent.event("e").referrer("https://alice:secret@example.com/page").build();
		assertThat(event.getReferrer()).isEqualTo("https://example.com/page");
		assertThat(event.getAdjustments()).extracting(UmamiAdjustment::field).containsExactly("referrer");
	}

	@Test
	void leavesOutUrlThatUmamisUrlParserRefusesAndKeepsLongOnes() {
		assertThat(UmamiEvent.event("e").url("//foo%zz/bar").build().getUrl()).isNull();
		String longQuery = "/search?q=" + "q".repeat(3000);
		UmamiEvent event = UmamiEvent.pageview(longQuery).build();
		assertThat(event.getUrl()).isEqualTo(longQuery);
		assertThat(event.getAdjustments()).isEmpty();
	}

	@Test
	void fitsRequestFields() {
		UmamiVisitor request = new UmamiVisitor("SHOP.example.com", "/cart", "https://[bad/", "x".repeat(40),
				"Mozilla/5.0", "not-an-ip");
		UmamiEvent event = UmamiEvent.event("checkout").visitor(request).build();
		assertThat(event.getHostname()).isEqualTo("shop.example.com");
		assertThat(event.getReferrer()).isNull();
		assertThat(event.getLanguage()).isNull();
		assertThat(event.getIp()).isNull();
		assertThat(event.getAdjustments()).extracting(UmamiAdjustment::field)
			.containsExactly("language", "referrer", "ip");
	}

	@Test
	void derivedEventKeepsTheAdjustmentsAndEqualityIgnoresThem() {
		UmamiEvent event = UmamiEvent.event("e").ip("not-an-ip").build();
		UmamiEvent derived = event.toBuilder().title("Home").build();
		assertThat(derived.getAdjustments()).isEqualTo(event.getAdjustments());
		assertThat(event).isEqualTo(UmamiEvent.event("e").build());
	}

	@Test
	void buildingDoesNotChangeTheBuilder() {
		UmamiEventBuilder builder = UmamiEvent.event("e").ip("not-an-ip");
		builder.build();
		assertThat(builder.build().getAdjustments()).hasSize(1);
	}

}
