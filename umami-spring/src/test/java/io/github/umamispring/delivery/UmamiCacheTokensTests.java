package io.github.umamispring.delivery;

import java.time.Duration;
import java.time.Instant;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.testsupport.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiCacheTokens}.
 */
class UmamiCacheTokensTests {

	private static final String SITE = "51499dbe-116f-42b4-9a2e-dfcfc230677f";

	private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final UmamiCacheTokens tokens = new UmamiCacheTokens(2, this.clock);

	@Test
	void returnsTokenOnlyForTheSameVisitorOfTheSameWebsite() {
		UmamiEvent alice = visitor("81.2.69.160", "Firefox");
		this.tokens.visitor(SITE, alice).remember("alice-token");
		assertThat(token(SITE, visitor("81.2.69.160", "Firefox"))).isEqualTo("alice-token");
		assertThat(token(SITE, visitor("81.2.69.161", "Firefox"))).isNull();
		assertThat(token(SITE, visitor("81.2.69.160", "Chrome"))).isNull();
		assertThat(token("00000000-0000-4000-8000-000000000000", alice)).isNull();
	}

	@Test
	void keysOnDistinctIdWhenThereIsOne() {
		this.tokens.visitor(SITE, UmamiEvent.identify("user-42").ip("81.2.69.160").build()).remember("user-token");
		assertThat(token(SITE, UmamiEvent.event("e").url("/").id("user-42").ip("10.0.0.1").build()))
			.isEqualTo("user-token");
		assertThat(token(SITE, visitor("81.2.69.160", null))).isNull();
	}

	@Test
	void keepsTheNewestToken() {
		UmamiCacheTokens.Visitor alice = this.tokens.visitor(SITE, visitor("81.2.69.160", "Firefox"));
		alice.remember("old");
		this.tokens.visitor(SITE, visitor("81.2.69.160", "Firefox")).remember("new");
		assertThat(alice.token()).isEqualTo("new");
		assertThat(token(SITE, visitor("81.2.69.160", "Firefox"))).isEqualTo("new");
	}

	@Test
	void forgetsTokenAfterThirtyMinutes() {
		this.tokens.visitor(SITE, visitor("81.2.69.160", "Firefox")).remember("token");
		this.clock.advance(Duration.ofMinutes(30));
		assertThat(token(SITE, visitor("81.2.69.160", "Firefox"))).isEqualTo("token");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(token(SITE, visitor("81.2.69.160", "Firefox"))).isNull();
	}

	@Test
	void givesTheSameVisitorForTheSameVisitor() {
		UmamiCacheTokens.Visitor alice = this.tokens.visitor(SITE, visitor("81.2.69.160", "Firefox"));
		assertThat(alice.token()).isNull();
		assertThat(this.tokens.visitor(SITE, visitor("81.2.69.160", "Firefox"))).isSameAs(alice);
		assertThat(this.tokens.visitor(SITE, visitor("81.2.69.161", "Firefox"))).isNotSameAs(alice);
	}

	@Test
	void forgetsLeastRecentlyUsedVisitorWhenFull() {
		this.tokens.visitor(SITE, visitor("1.1.1.1", "A")).remember("a");
		this.tokens.visitor(SITE, visitor("2.2.2.2", "B")).remember("b");
		token(SITE, visitor("1.1.1.1", "A"));
		this.tokens.visitor(SITE, visitor("3.3.3.3", "C")).remember("c");
		assertThat(this.tokens.size()).isEqualTo(2);
		assertThat(token(SITE, visitor("1.1.1.1", "A"))).isEqualTo("a");
		assertThat(token(SITE, visitor("3.3.3.3", "C"))).isEqualTo("c");
		assertThat(token(SITE, visitor("2.2.2.2", "B"))).isNull();
	}

	@Test
	void countsVisitorsWithoutTokenInTheBound() {
		UmamiCacheTokens.Visitor first = this.tokens.visitor(SITE, visitor("1.1.1.1", "A"));
		this.tokens.visitor(SITE, visitor("2.2.2.2", "B"));
		this.tokens.visitor(SITE, visitor("3.3.3.3", "C"));
		assertThat(this.tokens.size()).isEqualTo(2);
		// Forgotten between its request and its answer: the answer's token is lost
		first.remember("a");
		assertThat(token(SITE, visitor("1.1.1.1", "A"))).isNull();
	}

	@Test
	void comparesVisitorsAsUmamiDerivesSessions() {
		assertThat(this.tokens.isSameVisitor(SITE, visitor("1.1.1.1", "A"), SITE, visitor("1.1.1.1", "A"))).isTrue();
		assertThat(this.tokens.isSameVisitor(SITE, visitor("1.1.1.1", "A"), SITE, visitor("1.1.1.1", "B"))).isFalse();
		assertThat(this.tokens.isSameVisitor(SITE, visitor("1.1.1.1", "A"), "other", visitor("1.1.1.1", "A")))
			.isFalse();
	}

	private String token(String website, UmamiEvent event) {
		return this.tokens.visitor(website, event).token();
	}

	private static UmamiEvent visitor(String ip, String userAgent) {
		return UmamiEvent.event("e").url("/").ip(ip).userAgent(userAgent).build();
	}

}
