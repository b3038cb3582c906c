package io.github.umamispring.web;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side pageviews in a real application, called over HTTP as a browser would.
 */
abstract class AbstractPageviewIntegrationTests extends AbstractWebIntegrationTests {

	private static final String[] BROWSER_ACCEPT = { "Accept",
			"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

	@Override
	List<String> defaultProperties() {
		return List.of("umami.pageviews.enabled=true", "umami.pageviews.exclude-paths=/admin/**");
	}

	@Test
	void recordsPageviewOfHtmlGetAsTheVisitor() throws Exception {
		startBehindProxy();
		HttpResponse<String> response = get("/pricing?utm_source=newsletter", VISITOR_IP, BROWSER_ACCEPT);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(PageHtml.PRICING);
		assertPayload(takeEvent(),
				visitorPayload("/pricing?utm_source=newsletter", VISITOR_IP, "\"title\":\"Pricing\""));
	}

	@Test
	void doesNotRecordJsonGetPostNotFoundOrExcludedPath() throws Exception {
		startBehindProxy();
		assertThat(get("/api/prices", VISITOR_IP, BROWSER_ACCEPT).statusCode()).isEqualTo(200);
		assertThat(send("POST", "/pricing", VISITOR_IP, BROWSER_ACCEPT[0], BROWSER_ACCEPT[1], "Content-Type",
				"application/x-www-form-urlencoded")
			.statusCode()).isEqualTo(200);
		assertThat(get("/missing", VISITOR_IP, BROWSER_ACCEPT).statusCode()).isEqualTo(404);
		assertThat(get("/admin/dashboard", VISITOR_IP, BROWSER_ACCEPT).statusCode()).isEqualTo(200);
		assertThat(get("/about", VISITOR_IP, BROWSER_ACCEPT).statusCode()).isEqualTo(200);
		assertPayload(takeEvent(), visitorPayload("/about", VISITOR_IP, "\"title\":\"About\""));
	}

	@Test
	void doesNotRecordPageviewOfRequestSendingGlobalPrivacyControl() throws Exception {
		startBehindProxy();
		assertThat(get("/pricing", VISITOR_IP, BROWSER_ACCEPT[0], BROWSER_ACCEPT[1], "Sec-GPC", "1").statusCode())
			.isEqualTo(200);
		assertThat(get("/about", VISITOR_IP, BROWSER_ACCEPT).statusCode()).isEqualTo(200);
		assertThat(takeEvent().payload()).containsEntry("url", "/about");
	}

	static final class PageHtml {

		static final String PRICING = "<html><head><title>Pricing</title></head><body>Pro: 42</body></html>";

		static final String ABOUT = "<html><head><title>About</title></head><body>About us</body></html>";

		static final String ADMIN = "<html><head><title>Admin</title></head><body>Admin</body></html>";

		private PageHtml() {
		}

	}

}
