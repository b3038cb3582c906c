package io.github.umamispring.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QueryParameterFilter}.
 */
class QueryParameterFilterTests {

	private final QueryParameterFilter defaults = QueryParameterFilter.of(false,
			QueryParameterFilter.DEFAULT_EXCLUDED_NAMES, QueryParameterFilter.DEFAULT_EXCLUDED_EXACT_NAMES);

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			token                | removed
			access_token         | removed
			reset_token          | removed
			accessToken          | removed
			id_token             | removed
			X-Amz-Security-Token | removed
			api-key              | removed
			api_key              | removed
			apiKey               | removed
			APIKey               | removed
			apikey               | removed
			AWSAccessKeyId       | removed
			X-Amz-Signature      | removed
			X-Goog-Signature     | removed
			Signature            | removed
			sig                  | removed
			X-Amz-Credential     | removed
			client_secret        | removed
			Password             | removed
			new.password         | removed
			passwd               | removed
			SESSION              | removed
			session_state        | removed
			sessionid            | removed
			JSESSIONID           | removed
			auth                 | removed
			auth_code            | removed
			email                | removed
			e-mail               | removed
			userEmail            | removed
			code                 | removed
			Code                 | removed
			state                | removed
			promo_code           | kept
			zipcode              | kept
			country_code         | kept
			postcode             | kept
			us_state             | kept
			statement            | kept
			keyword              | kept
			monkey               | kept
			keys                 | kept
			tokenizer            | kept
			codec                | kept
			signup               | kept
			mailbox              | kept
			author               | kept
			utm_source           | kept
			utm_campaign         | kept
			gclid                | kept
			q                    | kept
			page                 | kept
			sort                 | kept
			""")
	void matchesSecretNamesAsWholeNamesOrSeparatedParts(String name, String expected) {
		String sent = this.defaults.filter("/p?" + name + "=1&page=2");
		assertThat(sent).isEqualTo(expected.equals("removed") ? "/p?page=2" : "/p?" + name + "=1&page=2");
	}

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
			/shop?promo_code=SPRING&zipcode=10115&keyword=coffee | /shop?promo_code=SPRING&zipcode=10115&keyword=coffee
			/cart;jsessionid=0123ABC?item=7                      | /cart?item=7
			/a;v=1/b;JSESSIONID=9/c                              | /a;v=1/b/c
			/plain                                               | /plain
			/plain?page=2&q=umami                                | /plain?page=2&q=umami
			https://shop.example.com/reset?reset_token=a&x=1#top | https://shop.example.com/reset?x=1#top
			/odd?%zz=1&my%5Ftoken=2&my+token=3                   | /odd?%zz=1
			""")
	void removesSecretAndPersonalParametersByDefault(String url, String sent) {
		assertThat(this.defaults.filter(url)).isEqualTo(sent);
	}

	@Test
	void cutsNamesIntoPartsAtSeparatorsAndCamelCase() {
		assertThat(QueryParameterFilter.parts("X-Amz-Signature")).containsExactly("x", "amz", "signature");
		assertThat(QueryParameterFilter.parts("accessToken")).containsExactly("access", "token");
		assertThat(QueryParameterFilter.parts("AWSAccessKeyId")).containsExactly("aws", "access", "key", "id");
		assertThat(QueryParameterFilter.parts("oauth2State")).containsExactly("oauth2", "state");
		assertThat(QueryParameterFilter.parts("JSESSIONID")).containsExactly("jsessionid");
		assertThat(QueryParameterFilter.parts("filter[api.key]")).containsExactly("filter", "api", "key");
		assertThat(QueryParameterFilter.parts("__")).isEmpty();
	}

	@Test
	void matchesANameOfSeveralPartsAsThosePartsInARow() {
		QueryParameterFilter filter = QueryParameterFilter.of(false, List.of("api_key"), List.of());
		assertThat(filter.filter("/p?X-Api-Key=1&apiKey=2&api_key_id=3&key=4&api=5&key_api=6"))
			.isEqualTo("/p?key=4&api=5&key_api=6");
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
		assertThat(filter.filter("/o?token=t&customer=c&new_customer=n&code=1")).isEqualTo("/o?token=t");
		assertThat(QueryParameterFilter.of(false, List.of(), List.of()).filter("/o?token=t&code=1"))
			.isEqualTo("/o?token=t&code=1");
	}

	@Test
	void usesTheConfiguredExactNames() {
		QueryParameterFilter filter = this.defaults.withExcludedExactNames(List.of(" ID ", ""));
		assertThat(filter.filter("/o?id=1&user_id=2&code=3&state=4&token=5")).isEqualTo("/o?user_id=2&code=3&state=4");
	}

	@Test
	void leavesNullAlone() {
		assertThat(this.defaults.filter(null)).isNull();
	}

}
