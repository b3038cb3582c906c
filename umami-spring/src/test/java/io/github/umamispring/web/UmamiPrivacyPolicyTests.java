package io.github.umamispring.web;

import java.util.List;

import io.github.umamispring.UmamiVisitor;
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
		CapturedVisitor captured = UmamiPrivacyPolicy.defaults().capture(REQUEST);
		assertThat(captured.isTracked()).isTrue();
		assertThat(captured.getVisitor()).isEqualTo(new UmamiVisitor("shop.example.com",
				"/shop/pricing?utm_source=mail", "https://example.org/", "de-CH", "Mozilla/5.0", "203.0.113.7"));
	}

	@Test
	void sendsAnonymizedIpWhenConfigured() {
		CapturedVisitor captured = UmamiPrivacyPolicy.defaults().withAnonymizeIp(true).capture(REQUEST);
		assertThat(captured.getVisitor().ip()).isEqualTo("203.0.113.0");
	}

	@Test
	void sendsNoIpWhenForwardingIsDisabled() {
		CapturedVisitor captured = UmamiPrivacyPolicy.defaults().withForwardIp(false).capture(REQUEST);
		assertThat(captured.getVisitor().ip()).isNull();
		assertThat(captured.getVisitor().userAgent()).isEqualTo("Mozilla/5.0");
	}

	@Test
	void sendsNoUserAgentWhenForwardingIsDisabled() {
		CapturedVisitor captured = UmamiPrivacyPolicy.defaults().withForwardUserAgent(false).capture(REQUEST);
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
