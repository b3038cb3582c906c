package io.github.umamispring.web;

import java.util.List;

import io.github.umamispring.UmamiRequestContext;
import io.github.umamispring.web.UmamiPrivacyPolicy.RequestFacts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiPrivacyPolicy}.
 */
class UmamiPrivacyPolicyTests {

	private static final RequestFacts REQUEST = new RequestFacts("/pricing", "shop.example.com",
			"/shop/pricing?utm_source=mail", "https://example.org/", "de-CH,de;q=0.9", "Mozilla/5.0", "203.0.113.7",
			null);

	@Test
	void capturesVisitorFromRequest() {
		CapturedRequest captured = UmamiPrivacyPolicy.defaults().capture(REQUEST);
		assertThat(captured.isTracked()).isTrue();
		assertThat(captured.getVisitor()).isEqualTo(new UmamiRequestContext("shop.example.com",
				"/shop/pricing?utm_source=mail", "https://example.org/", "de-CH", "Mozilla/5.0", "203.0.113.7"));
	}

	@Test
	void anonymizesIpv4ToItsSlash24() {
		assertThat(IpAddresses.anonymize("203.0.113.7")).isEqualTo("203.0.113.0");
	}

	@Test
	void anonymizesIpv6ToItsSlash48() {
		assertThat(IpAddresses.anonymize("2001:db8:85a3:8d3:1319:8a2e:370:7348")).isEqualTo("2001:db8:85a3:0:0:0:0:0");
		assertThat(IpAddresses.anonymize("[2001:db8:85a3::1%eth0]")).isEqualTo("2001:db8:85a3:0:0:0:0:0");
	}

	@Test
	void anonymizesIpv4MappedIpv6AsIpv4() {
		assertThat(IpAddresses.anonymize("::ffff:203.0.113.7")).isEqualTo("203.0.113.0");
	}

	@Test
	void doesNotAnonymizeWhatIsNotAnAddress() {
		assertThat(IpAddresses.anonymize("unknown")).isNull();
	}

	@Test
	void sendsAnonymizedIpWhenConfigured() {
		CapturedRequest captured = UmamiPrivacyPolicy.defaults().withAnonymizeIp(true).capture(REQUEST);
		assertThat(captured.getVisitor().ip()).isEqualTo("203.0.113.0");
	}

	@Test
	void sendsNoIpWhenForwardingIsDisabled() {
		CapturedRequest captured = UmamiPrivacyPolicy.defaults().withForwardIp(false).capture(REQUEST);
		assertThat(captured.getVisitor().ip()).isNull();
		assertThat(captured.getVisitor().userAgent()).isEqualTo("Mozilla/5.0");
	}

	@Test
	void sendsNoUserAgentWhenForwardingIsDisabled() {
		CapturedRequest captured = UmamiPrivacyPolicy.defaults().withForwardUserAgent(false).capture(REQUEST);
		assertThat(captured.getVisitor().userAgent()).isNull();
		assertThat(captured.getVisitor().ip()).isEqualTo("203.0.113.7");
	}

	@Test
	void readsFirstLanguageTag() {
		assertThat(UmamiPrivacyPolicy.language("en-US,en;q=0.9")).isEqualTo("en-US");
		assertThat(UmamiPrivacyPolicy.language("fr;q=0.8")).isEqualTo("fr");
		assertThat(UmamiPrivacyPolicy.language("*")).isNull();
		assertThat(UmamiPrivacyPolicy.language(" ")).isNull();
		assertThat(UmamiPrivacyPolicy.language(null)).isNull();
	}

	@Test
	void doesNotTrackRequestSendingGlobalPrivacyControl() {
		RequestFacts gpc = new RequestFacts("/pricing", "shop.example.com", "/pricing", null, null, null, null, "1");
		assertThat(UmamiPrivacyPolicy.defaults().capture(gpc).isTracked()).isFalse();
		assertThat(UmamiPrivacyPolicy.defaults().withHonorGlobalPrivacyControl(false).capture(gpc).isTracked())
			.isTrue();
	}

	@Test
	void doesNotTrackExcludedPathsMatchedWithinTheApplication() {
		UmamiPrivacyPolicy policy = UmamiPrivacyPolicy.defaults().withExcludePaths(List.of("/admin/**", "/health"));
		assertThat(policy.capture(facts("/admin/users/1")).isTracked()).isFalse();
		assertThat(policy.capture(facts("/health")).isTracked()).isFalse();
		assertThat(policy.capture(facts("/pricing")).isTracked()).isTrue();
	}

	@Test
	void resolvesNothingWhenDistinctIdResolverFails() {
		UmamiDistinctIdResolver failing = (principal) -> {
			throw new IllegalStateException("boom");
		};
		assertThat(UmamiPrivacyPolicy.resolveDistinctId(failing, () -> "alice")).isNull();
		assertThat(UmamiPrivacyPolicy.resolveDistinctId((principal) -> "user-" + principal.getName(), () -> "alice"))
			.isEqualTo("user-alice");
	}

	private static RequestFacts facts(String path) {
		return new RequestFacts(path, "shop.example.com", path, null, null, "Mozilla/5.0", "203.0.113.7", null);
	}

}
