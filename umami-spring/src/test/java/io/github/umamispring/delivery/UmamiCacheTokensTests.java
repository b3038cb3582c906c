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
		this.tokens.put(SITE, alice, "alice-token");
		assertThat(this.tokens.get(SITE, visitor("81.2.69.160", "Firefox"))).isEqualTo("alice-token");
		assertThat(this.tokens.get(SITE, visitor("81.2.69.161", "Firefox"))).isNull();
		assertThat(this.tokens.get(SITE, visitor("81.2.69.160", "Chrome"))).isNull();
		assertThat(this.tokens.get("00000000-0000-4000-8000-000000000000", alice)).isNull();
	}

	@Test
	void keysOnDistinctIdWhenThereIsOne() {
		this.tokens.put(SITE, UmamiEvent.identify("user-42").ip("81.2.69.160").build(), "user-token");
		assertThat(this.tokens.get(SITE, UmamiEvent.event("e").url("/").id("user-42").ip("10.0.0.1").build()))
			.isEqualTo("user-token");
		assertThat(this.tokens.get(SITE, visitor("81.2.69.160", null))).isNull();
	}

	@Test
	void keepsTheNewestToken() {
		this.tokens.put(SITE, visitor("81.2.69.160", "Firefox"), "old");
		this.tokens.put(SITE, visitor("81.2.69.160", "Firefox"), "new");
		assertThat(this.tokens.get(SITE, visitor("81.2.69.160", "Firefox"))).isEqualTo("new");
	}

	@Test
	void forgetsTokenAfterThirtyMinutes() {
		this.tokens.put(SITE, visitor("81.2.69.160", "Firefox"), "token");
		this.clock.advance(Duration.ofMinutes(30));
		assertThat(this.tokens.get(SITE, visitor("81.2.69.160", "Firefox"))).isEqualTo("token");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.tokens.get(SITE, visitor("81.2.69.160", "Firefox"))).isNull();
		assertThat(this.tokens.size()).isZero();
	}

	@Test
	void forgetsLeastRecentlyUsedVisitorWhenFull() {
		this.tokens.put(SITE, visitor("1.1.1.1", "A"), "a");
		this.tokens.put(SITE, visitor("2.2.2.2", "B"), "b");
		this.tokens.get(SITE, visitor("1.1.1.1", "A"));
		this.tokens.put(SITE, visitor("3.3.3.3", "C"), "c");
		assertThat(this.tokens.size()).isEqualTo(2);
		assertThat(this.tokens.get(SITE, visitor("2.2.2.2", "B"))).isNull();
		assertThat(this.tokens.get(SITE, visitor("1.1.1.1", "A"))).isEqualTo("a");
		assertThat(this.tokens.get(SITE, visitor("3.3.3.3", "C"))).isEqualTo("c");
	}

	@Test
	void givesTheSameVisitorForTheSameVisitorAndRemembersItsToken() {
		UmamiCacheTokens.Visitor alice = this.tokens.visitor(SITE, visitor("81.2.69.160", "Firefox"));
		assertThat(alice.token()).isNull();
		assertThat(this.tokens.visitor(SITE, visitor("81.2.69.160", "Firefox"))).isSameAs(alice);
		assertThat(this.tokens.visitor(SITE, visitor("81.2.69.161", "Firefox"))).isNotSameAs(alice);
		alice.remember("alice-token");
		assertThat(this.tokens.get(SITE, visitor("81.2.69.160", "Firefox"))).isEqualTo("alice-token");
		this.tokens.put(SITE, visitor("81.2.69.160", "Firefox"), "newer");
		assertThat(alice.token()).isEqualTo("newer");
	}

	@Test
	void forgetsVisitorTokenAfterThirtyMinutes() {
		UmamiCacheTokens.Visitor alice = this.tokens.visitor(SITE, visitor("81.2.69.160", "Firefox"));
		alice.remember("token");
		this.clock.advance(Duration.ofMinutes(30).plusSeconds(1));
		assertThat(alice.token()).isNull();
	}

	@Test
	void keepsVisitorWithoutTokenYetWhenLookedUp() {
		UmamiCacheTokens.Visitor alice = this.tokens.visitor(SITE, visitor("81.2.69.160", "Firefox"));
		assertThat(this.tokens.get(SITE, visitor("81.2.69.160", "Firefox"))).isNull();
		alice.remember("token");
		assertThat(this.tokens.get(SITE, visitor("81.2.69.160", "Firefox"))).isEqualTo("token");
	}

	@Test
	void countsVisitorsWithoutTokenInTheBound() {
		UmamiCacheTokens.Visitor first = this.tokens.visitor(SITE, visitor("1.1.1.1", "A"));
		this.tokens.visitor(SITE, visitor("2.2.2.2", "B"));
		this.tokens.visitor(SITE, visitor("3.3.3.3", "C"));
		assertThat(this.tokens.size()).isEqualTo(2);
		// Forgotten between its request and its answer: the answer's token is lost
		first.remember("a");
		assertThat(this.tokens.get(SITE, visitor("1.1.1.1", "A"))).isNull();
	}

	private static UmamiEvent visitor(String ip, String userAgent) {
		return UmamiEvent.event("e").url("/").ip(ip).userAgent(userAgent).build();
	}

}
