package io.github.umamispring.autoconfigure;

import io.github.umamispring.UmamiWebsites;
import io.github.umamispring.delivery.DefaultUmamiTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiWebsitesMapper}.
 *
 * @author umami-spring-boot contributors
 */
class UmamiWebsitesMapperTests {

	private static final String BRAND_B = "6b1c2b4e-3d1f-4e0a-9b5c-7a8d9e0f1a2b";

	private static final String BRAND_C = "a3c5e7f9-1b2d-4f6a-8c0e-2d4f6a8c0e1f";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, UmamiAutoConfiguration.class))
		.withPropertyValues("umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f");

	@Test
	void mapsEveryWebsiteWithItsHostnames() {
		this.contextRunner
			.withPropertyValues("umami.websites[0].website-id=" + BRAND_B,
					"umami.websites[0].hostnames=Brand-B.example.org,*.brand-b.example.org",
					"umami.websites[1].website-id= " + BRAND_C + " ", "umami.websites[1].hostnames[0]=*.example.net",
					"umami.websites[1].hostnames[1]=example.net.")
			.run((context) -> {
				UmamiWebsites websites = UmamiWebsitesMapper.map(context.getBean(UmamiProperties.class));
				assertThat(websites.websiteFor("brand-b.example.org")).isEqualTo(BRAND_B);
				assertThat(websites.websiteFor("eu.brand-b.example.org")).isEqualTo(BRAND_B);
				assertThat(websites.websiteFor("shop.example.net")).isEqualTo(BRAND_C);
				assertThat(websites.websiteFor("example.net")).isEqualTo(BRAND_C);
				assertThat(websites.websiteFor("example.org")).isNull();
			});
	}

	@Test
	void mapsNoWebsiteByDefault() {
		assertThat(UmamiWebsitesMapper.map(new UmamiProperties()).isEmpty()).isTrue();
	}

	@Test
	void startsWithoutDefaultWebsiteWhenWebsitesAreListed() {
		this.contextRunner
			.withPropertyValues("umami.host-url=https://cloud.umami.is", "umami.website-id=",
					"umami.websites[0].website-id=" + BRAND_B, "umami.websites[0].hostnames=brand-b.example.org")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DefaultUmamiTracker.class));
	}

	@Test
	void failsWithoutDefaultWebsiteOrWebsitesWhenSending() {
		this.contextRunner.withPropertyValues("umami.host-url=https://cloud.umami.is", "umami.website-id=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("umami.website-id");
					assertThat(ex.getReason()).contains("list websites by hostname under 'umami.websites'");
				}));
	}

	@Test
	void failsWhenWebsiteIdIsNotAUuid() {
		assertInvalid(
				this.contextRunner.withPropertyValues(
						"umami.websites[0].website-id=brand-b", "umami.websites[0].hostnames=brand-b.example.org"),
				"umami.websites[0].website-id", "brand-b",
				"Umami identifies websites by UUID and refuses events for anything else. Set"
						+ " 'umami.websites[0].website-id' to the website ID shown in Umami under Settings > Websites >"
						+ " Edit, a UUID such as 51499dbe-116f-42b4-9a2e-dfcfc230677f.");
	}

	@Test
	void failsWhenWebsiteIdIsMissing() {
		assertInvalid(this.contextRunner.withPropertyValues("umami.websites[0].website-id=" + BRAND_B,
				"umami.websites[0].hostnames=brand-b.example.org", "umami.websites[1].hostnames=brand-c.example.net"),
				"umami.websites[1].website-id", "(not set)",
				"every website listed by hostname needs its website ID. Set 'umami.websites[1].website-id' to the"
						+ " website ID shown in Umami");
	}

	@Test
	void failsWhenHostnamesAreMissing() {
		assertInvalid(this.contextRunner.withPropertyValues("umami.websites[0].website-id=" + BRAND_B),
				"umami.websites[0].hostnames", "(not set)",
				"a website listed by hostname needs at least one hostname. Set 'umami.websites[0].hostnames' to the"
						+ " hostnames whose events go to website " + BRAND_B
						+ ", such as shop.example.com or *.example.com, or remove umami.websites[0].");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*example.com", "shop.*.example.com", "**.example.com", "*.", "*.*.example.com",
			"https://shop.example.com", "shop.example.com:8443", "shop.example.com/signup", "shop..example.com",
			"*.203.0.113.7" })
	void failsOnMalformedHostname(String hostname) {
		assertInvalid(this.contextRunner.withPropertyValues("umami.websites[0].website-id=" + BRAND_B,
				"umami.websites[0].hostnames[0]=brand-b.example.org", "umami.websites[0].hostnames[1]=" + hostname),
				"umami.websites[0].hostnames[1]", hostname,
				". Set 'umami.websites[0].hostnames[1]' to a hostname, such as shop.example.com, or to a pattern for"
						+ " its subdomains, such as *.example.com.");
	}

	@Test
	void failsWhenAHostnameIsListedForTwoWebsites() {
		assertInvalid(
				this.contextRunner.withPropertyValues("umami.websites[0].website-id=" + BRAND_B,
						"umami.websites[0].hostnames=brand-b.example.org", "umami.websites[1].website-id=" + BRAND_C,
						"umami.websites[1].hostnames=*.brand-c.example.net,Brand-B.example.org."),
				"umami.websites[1].hostnames[1]", "Brand-B.example.org.",
				"'brand-b.example.org' is listed for website " + BRAND_B + " and for website " + BRAND_C
						+ "; a hostname belongs to one website. Remove it from"
						+ " 'umami.websites[1].hostnames[1]' or from 'umami.websites[0].hostnames[0]'.");
	}

	@Test
	void acceptsAHostnameListedTwiceForOneWebsite() {
		this.contextRunner
			.withPropertyValues("umami.websites[0].website-id=" + BRAND_B,
					"umami.websites[0].hostnames=brand-b.example.org",
					"umami.websites[1].website-id=" + BRAND_B.toUpperCase(),
					"umami.websites[1].hostnames=brand-b.example.org")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void acceptsAPatternAndItsDomainForDifferentWebsites() {
		this.contextRunner
			.withPropertyValues("umami.websites[0].website-id=" + BRAND_B, "umami.websites[0].hostnames=*.example.org",
					"umami.websites[1].website-id=" + BRAND_C, "umami.websites[1].hostnames=example.org")
			.run((context) -> {
				UmamiWebsites websites = UmamiWebsitesMapper.map(context.getBean(UmamiProperties.class));
				assertThat(websites.websiteFor("shop.example.org")).isEqualTo(BRAND_B);
				assertThat(websites.websiteFor("example.org")).isEqualTo(BRAND_C);
			});
	}

	private void assertInvalid(ApplicationContextRunner runner, String property, String value, String reason) {
		runner.run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo(property);
				assertThat(ex.getValue()).hasToString(value);
				assertThat(ex.getReason()).contains(reason);
			}));
	}

}
