package io.github.umamispring;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link UmamiWebsites}: which website the events of a hostname go to.
 */
class UmamiWebsitesTests {

	private static final String SHOP = "0f8f4ea3-5e04-4a5b-9a4c-2f1f6f1c7d11";

	private static final String BRANDS = "6b1c2b4e-3d1f-4e0a-9b5c-7a8d9e0f1a2b";

	private static final String EU = "a3c5e7f9-1b2d-4f6a-8c0e-2d4f6a8c0e1f";

	private final UmamiWebsites websites = UmamiWebsites.builder()
		.website(SHOP, "shop.example.com", "Bücher.example")
		.website(BRANDS, "*.example.com", "example.com")
		.website(EU, "*.eu.example.com")
		.build();

	@ParameterizedTest
	@CsvSource({ "shop.example.com, " + SHOP, "xn--bcher-kva.example, " + SHOP, "example.com, " + BRANDS,
			"news.example.com, " + BRANDS, "a.b.news.example.com, " + BRANDS, "eu.example.com, " + BRANDS,
			"de.eu.example.com, " + EU, "a.de.eu.example.com, " + EU, "x.shop.example.com, " + BRANDS })
	void choosesTheWebsiteOfTheHostname(String hostname, String website) {
		assertThat(this.websites.websiteFor(hostname)).isEqualTo(website);
	}

	@ParameterizedTest
	@ValueSource(strings = { "SHOP.Example.COM", "shop.example.com." })
	void comparesHostnamesAsHostsAreCompared(String hostname) {
		assertThat(this.websites.websiteFor(hostname)).isEqualTo(SHOP);
	}

	@ParameterizedTest
	@ValueSource(strings = { "example.org", "com", "example.com.evil.org", "badexample.com", "" })
	void choosesNoWebsiteForOtherHostnames(String hostname) {
		assertThat(this.websites.websiteFor(hostname)).isNull();
	}

	@Test
	void patternDoesNotMatchItsDomainItself() {
		UmamiWebsites patternOnly = UmamiWebsites.builder().website(BRANDS, "*.example.com").build();
		assertThat(patternOnly.websiteFor("shop.example.com")).isEqualTo(BRANDS);
		assertThat(patternOnly.websiteFor("example.com")).isNull();
	}

	@Test
	void choosesNoWebsiteWithoutHostname() {
		assertThat(this.websites.websiteFor(null)).isNull();
	}

	@Test
	void noneIsEmpty() {
		assertThat(UmamiWebsites.none().isEmpty()).isTrue();
		assertThat(UmamiWebsites.none().websiteFor("shop.example.com")).isNull();
		assertThat(UmamiWebsites.builder().build()).isSameAs(UmamiWebsites.none());
		assertThat(this.websites.isEmpty()).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "Shop.Example.COM, shop.example.com", "' shop.example.com ', shop.example.com",
			"*.Example.com, *.example.com", "*.Bücher.example, *.xn--bcher-kva.example", "example.com., example.com",
			"203.0.113.7, 203.0.113.7", "[2001:DB8::1], [2001:db8::1]", "localhost, localhost" })
	void normalizesHostnamesAndPatterns(String hostname, String expected) {
		assertThat(UmamiWebsites.normalizeHostname(hostname)).isEqualTo(expected);
	}

	@Test
	void refusesAnEmptyHostname() {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiWebsites.normalizeHostname(" "))
			.withMessage("A hostname must not be empty");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*", "*.", "*example.com", "shop.*.com", "*.*.example.com", "**.example.com" })
	void refusesMisplacedWildcards(String hostname) {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiWebsites.normalizeHostname(hostname))
			.withMessageStartingWith("'" + hostname + "' is ")
			.withMessageContaining("such as *.example.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://shop.example.com", "shop.example.com/", "shop.example.com:8080",
			"shop example.com", "user@shop.example.com", ".example.com", "shop..example.com", "shop.123", "*.a/b" })
	void refusesWhatIsNoHostname(String hostname) {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiWebsites.normalizeHostname(hostname))
			.withMessage("'" + hostname + "' is not a hostname: a hostname is a name such as shop.example.com,"
					+ " without scheme, port or path");
	}

	@Test
	void refusesHostnamesLongerThanUmamiAccepts() {
		String hostname = "a".repeat(60) + "." + "b".repeat(60) + ".example";
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiWebsites.normalizeHostname(hostname))
			.withMessage("'" + hostname + "' is 129 characters long; Umami accepts hostnames of at most 100");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*.203.0.113.7", "*.[2001:db8::1]" })
	void refusesPatternsOfAddresses(String hostname) {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiWebsites.normalizeHostname(hostname))
			.withMessage("'" + hostname
					+ "' is not a pattern: a pattern matches the subdomains of a domain, not an address");
	}

	@Test
	void refusesAHostnameListedForTwoWebsites() {
		UmamiWebsites.Builder builder = UmamiWebsites.builder().website(SHOP, "shop.example.com", "*.example.com");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.website(BRANDS, "news.example.com", "*.EXAMPLE.com"))
			.withMessage("'*.example.com' is listed for website " + SHOP + " and for website " + BRANDS
					+ "; a hostname belongs to one website");
		assertThat(builder.build().websiteFor("news.example.com")).as("nothing of the refused website is kept")
			.isEqualTo(SHOP);
	}

	@Test
	void acceptsAHostnameListedTwiceForTheSameWebsite() {
		UmamiWebsites twice = UmamiWebsites.builder()
			.website(SHOP, "shop.example.com", "SHOP.example.com")
			.website(SHOP.toUpperCase(), List.of("shop.example.com", "www.example.com"))
			.build();
		assertThat(twice.websiteFor("shop.example.com")).isEqualTo(SHOP);
		assertThat(twice.websiteFor("www.example.com")).isEqualTo(SHOP.toUpperCase());
	}

	@Test
	void refusesAWebsiteWithoutHostnames() {
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiWebsites.builder().website(SHOP, List.of()))
			.withMessage("'hostnames' must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> UmamiWebsites.builder().website(" ", "example.com"))
			.withMessage("'websiteId' must not be empty");
	}

	@Test
	void listsTheHostnamesOfEachWebsiteAsTheyAreMatched() {
		assertThat(this.websites.hostnamesByWebsite()).containsExactly(
				entry(SHOP, List.of("shop.example.com", "xn--bcher-kva.example")),
				entry(BRANDS, List.of("example.com", "*.example.com")), entry(EU, List.of("*.eu.example.com")));
		assertThat(UmamiWebsites.builder()
			.website(SHOP, "Shop.Example.com.")
			.website(SHOP, "*.shop.example.com")
			.build()
			.hostnamesByWebsite()).containsExactly(entry(SHOP, List.of("shop.example.com", "*.shop.example.com")));
		assertThat(UmamiWebsites.none().hostnamesByWebsite()).isEmpty();
	}

	@Test
	void hostnamesByWebsiteCannotBeModified() {
		Map<String, List<String>> hostnames = this.websites.hostnamesByWebsite();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> hostnames.remove(SHOP));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> hostnames.get(SHOP).add("other.example.com"));
		assertThat(this.websites.hostnamesByWebsite()).isEqualTo(hostnames);
	}

	@Test
	void toStringListsTheHostnamesOfEachWebsite() {
		assertThat(this.websites).hasToString("UmamiWebsites[shop.example.com=" + SHOP + ", xn--bcher-kva.example="
				+ SHOP + ", example.com=" + BRANDS + ", *.example.com=" + BRANDS + ", *.eu.example.com=" + EU + "]");
	}

}
