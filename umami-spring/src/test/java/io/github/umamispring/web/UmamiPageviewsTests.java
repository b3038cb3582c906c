package io.github.umamispring.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiPageviews}.
 */
class UmamiPageviewsTests {

	private final UmamiPageviews pageviews = new UmamiPageviews(List.of(), List.of("/admin/**"));

	@Test
	void onlyGetRequestsAreCandidates() {
		assertThat(this.pageviews.isCandidate("GET", "/pricing")).isTrue();
		assertThat(this.pageviews.isCandidate("POST", "/pricing")).isFalse();
		assertThat(this.pageviews.isCandidate("HEAD", "/pricing")).isFalse();
	}

	@Test
	void excludesStaticResourcesActuatorErrorAndConfiguredPaths() {
		assertThat(this.pageviews.isCandidate("GET", "/css/site.css")).isFalse();
		assertThat(this.pageviews.isCandidate("GET", "/images/logo.PNG")).isFalse();
		assertThat(this.pageviews.isCandidate("GET", "/actuator/health")).isFalse();
		assertThat(this.pageviews.isCandidate("GET", "/actuator")).isFalse();
		assertThat(this.pageviews.isCandidate("GET", "/error")).isFalse();
		assertThat(this.pageviews.isCandidate("GET", "/admin/users")).isFalse();
		assertThat(this.pageviews.isCandidate("GET", "/docs/guide.html")).isTrue();
	}

	@Test
	void includesOnlyConfiguredPathsWhenSet() {
		UmamiPageviews included = new UmamiPageviews(List.of("/blog/**"), List.of());
		assertThat(included.isCandidate("GET", "/blog/first-post")).isTrue();
		assertThat(included.isCandidate("GET", "/pricing")).isFalse();
	}

	@Test
	void onlySuccessfulHtmlResponsesArePages() {
		assertThat(this.pageviews.isPage(200, "text/html;charset=UTF-8")).isTrue();
		assertThat(this.pageviews.isPage(200, "application/json")).isFalse();
		assertThat(this.pageviews.isPage(200, null)).isFalse();
		assertThat(this.pageviews.isPage(404, "text/html")).isFalse();
		assertThat(this.pageviews.isPage(302, "text/html")).isFalse();
		assertThat(this.pageviews.isPage(200, "not a media type")).isFalse();
	}

}
