package io.github.umamispring.delivery;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiWebsites;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiEventDefaults}: the website and hostname an event is sent with.
 */
class UmamiEventDefaultsTests {

	private static final String DEFAULT = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private static final String BRAND = "6b1c2b4e-3d1f-4e0a-9b5c-7a8d9e0f1a2b";

	private static final String OWN = "0f8f4ea3-5e04-4a5b-9a4c-2f1f6f1c7d11";

	private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) umami-spring-boot";

	private static final UmamiWebsites WEBSITES = UmamiWebsites.builder().website(BRAND, "*.brand.example").build();

	@Test
	void eventGoesToTheWebsiteItNamesWhateverItsHostname() {
		UmamiEventDefaults defaults = new UmamiEventDefaults(DEFAULT, "shop.brand.example", AGENT, WEBSITES);
		UmamiEvent event = UmamiEvent.event("signup").hostname("eu.brand.example").website(OWN).build();
		assertThat(defaults.websiteFor(event)).isEqualTo(OWN);
		assertThat(defaults.hasNoWebsite(event)).isFalse();
	}

	@Test
	void eventGoesToTheWebsiteOfItsHostnameElseOfTheDefaultHostname() {
		UmamiEventDefaults defaults = new UmamiEventDefaults(DEFAULT, "jobs.brand.example", AGENT, WEBSITES);
		assertThat(defaults.websiteFor(UmamiEvent.event("signup").hostname("EU.Brand.example").build()))
			.isEqualTo(BRAND);
		assertThat(defaults.websiteFor(UmamiEvent.event("signup").hostname("shop.example.com").build()))
			.isEqualTo(DEFAULT);
		UmamiEvent job = UmamiEvent.event("nightly").build();
		assertThat(defaults.hostnameFor(job)).isEqualTo("jobs.brand.example");
		assertThat(defaults.websiteFor(job)).isEqualTo(BRAND);
	}

	@Test
	void eventOfNoListedHostnameHasNoWebsiteWithoutDefault() {
		UmamiEventDefaults defaults = new UmamiEventDefaults(null, null, AGENT, WEBSITES);
		UmamiEvent other = UmamiEvent.event("signup").hostname("shop.example.com").build();
		assertThat(defaults.websiteFor(other)).isNull();
		assertThat(defaults.hasNoWebsite(other)).isTrue();
		assertThat(defaults.hasNoWebsite(UmamiEvent.event("nightly").build())).isTrue();
	}

	@Test
	void eventWithoutWebsiteIsSentAsItIsWhenNoWebsitesAreListed() {
		UmamiEventDefaults defaults = new UmamiEventDefaults(null, null, AGENT);
		UmamiEvent event = UmamiEvent.event("signup").hostname("shop.example.com").build();
		assertThat(defaults.websites()).isSameAs(UmamiWebsites.none());
		assertThat(defaults.websiteFor(event)).isNull();
		assertThat(defaults.hasNoWebsite(event)).isFalse();
	}

}
