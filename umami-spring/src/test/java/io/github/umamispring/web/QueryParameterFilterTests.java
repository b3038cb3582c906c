package io.github.umamispring.web;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QueryParameterFilter}.
 */
class QueryParameterFilterTests {

	private final QueryParameterFilter defaults = QueryParameterFilter.of(false,
			QueryParameterFilter.DEFAULT_EXCLUDED_NAMES);

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/reset?token=abc                                     | /reset
			/reset?reset_token=abc&utm_source=mail               | /reset?utm_source=mail
			/callback?code=4/0Ab&state=xyz&scope=email           | /callback?scope=email
			/s3?X-Amz-Signature=f00&X-Amz-Credential=AKIA&v=1    | /s3?v=1
			/blob?sv=2022&sig=abc%2Bdef&se=2026                  | /blob?sv=2022&se=2026
			/login?Password=hunter2&PASSWD=x&next=/home          | /login?next=/home
			/verify?email=alice%40example.com&e%2Dmail=x&ok=1    | /verify?ok=1
			/app?apiKey=k&api_key=k&SESSION=s&client_secret=c    | /app
			/app?accessToken&access_token=&utm_campaign=spring   | /app?utm_campaign=spring
			/cart;jsessionid=0123ABC?item=7                      | /cart?item=7
			/a;v=1/b;JSESSIONID=9/c                              | /a;v=1/b/c
			/plain                                               | /plain
			/plain?page=2&q=umami                                | /plain?page=2&q=umami
			https://shop.example.com/reset?reset_token=a&x=1#top | https://shop.example.com/reset?x=1#top
			/odd?%zz=1&my%5Ftoken=2                              | /odd?%zz=1
			""")
	void removesSecretAndPersonalParametersByDefault(String url, String sent) {
		assertThat(this.defaults.filter(url)).isEqualTo(sent);
	}

	@Test
	void matchesTheEndOfNamesIgnoringCaseOnly() {
		assertThat(this.defaults.filter("/p?tokenized=1&statement=2&codec=3&keys=4")).as("names that only start so")
			.isEqualTo("/p?tokenized=1&statement=2&codec=3&keys=4");
	}

	@Test
	void removesTheWholeQueryWhenExcluded() {
		QueryParameterFilter filter = this.defaults.withExcludeQuery(true);
		assertThat(filter.filter("/pricing?utm_source=newsletter&plan=pro")).isEqualTo("/pricing");
		assertThat(filter.filter("https://www.google.com/search?q=umami")).isEqualTo("https://www.google.com/search");
		assertThat(filter.filter("/cart;jsessionid=1?item=7")).isEqualTo("/cart");
	}

	@Test
	void usesTheConfiguredNames() {
		QueryParameterFilter filter = this.defaults.withExcludedNames(List.of(" Customer ", ""));
		assertThat(filter.filter("/o?token=t&customer=c&new_customer=n")).isEqualTo("/o?token=t");
		assertThat(QueryParameterFilter.of(false, List.of()).filter("/o?token=t")).isEqualTo("/o?token=t");
	}

	@Test
	void leavesNullAlone() {
		assertThat(this.defaults.filter(null)).isNull();
	}

}
