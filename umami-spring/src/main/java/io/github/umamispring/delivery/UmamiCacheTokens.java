package io.github.umamispring.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.umamispring.UmamiEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Remembers the newest {@code x-umami-cache} token of each visitor of each website, for
 * the 30 minutes Umami honours it. A token is bound to one visitor's session: sharing it
 * would merge visitors, so it is only ever echoed for the same (website, distinct id, IP,
 * User-Agent). Bounded: the least recently used visitor is forgotten first.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiCacheTokens {

	/**
	 * How long Umami keeps a visit for a token.
	 */
	static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

	private final int maxVisitors;

	private final Clock clock;

	private final Map<VisitorKey, Visitor> tokens;

	UmamiCacheTokens(int maxVisitors) {
		this(maxVisitors, Clock.systemUTC());
	}

	UmamiCacheTokens(int maxVisitors, Clock clock) {
		Assert.isTrue(maxVisitors > 0, "'maxVisitors' must be positive");
		this.maxVisitors = maxVisitors;
		this.clock = clock;
		this.tokens = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<VisitorKey, Visitor> eldest) {
				return size() > UmamiCacheTokens.this.maxVisitors;
			}

		};
	}

	/**
	 * Return the visitor's live token.
	 * @param website the website the event goes to
	 * @param event the event
	 * @return the token, or {@code null} when there is none or it expired
	 */
	@Nullable String get(@Nullable String website, UmamiEvent event) {
		VisitorKey key = VisitorKey.of(website, event);
		synchronized (this.tokens) {
			Visitor visitor = this.tokens.get(key);
			if (visitor == null) {
				return null;
			}
			if (visitor.hasExpired()) {
				// Only an expired token is forgotten here: a visitor without one yet may
				// have its first request in flight
				this.tokens.remove(key);
				return null;
			}
			return visitor.token();
		}
	}

	/**
	 * Return the visitor's place in the cache, added when missing: what a request reads
	 * its token from, and its answer writes the new token to without looking the visitor
	 * up again. That lookup (hashing the key, comparing it, moving the visitor to the
	 * most recently used end) costs its cache misses on the thread that sends the
	 * request, not on the event loop that reads the answer.
	 * @param website the website the event goes to
	 * @param event the event
	 * @return the visitor
	 */
	Visitor visitor(@Nullable String website, UmamiEvent event) {
		VisitorKey key = VisitorKey.of(website, event);
		synchronized (this.tokens) {
			return this.tokens.computeIfAbsent(key, (added) -> new Visitor());
		}
	}

	/**
	 * Remember the token Umami returned for the visitor's event.
	 * @param website the website the event went to
	 * @param event the event
	 * @param token the token
	 */
	void put(@Nullable String website, UmamiEvent event, String token) {
		visitor(website, event).remember(token);
	}

	/**
	 * Whether two events belong to the same visitor of the same website, so that they may
	 * share a token.
	 * @param website the website of the first event
	 * @param event the first event
	 * @param otherWebsite the website of the second event
	 * @param other the second event
	 * @return whether Umami would put both in the same session
	 */
	boolean isSameVisitor(@Nullable String website, UmamiEvent event, @Nullable String otherWebsite, UmamiEvent other) {
		return VisitorKey.of(website, event).equals(VisitorKey.of(otherWebsite, other));
	}

	int size() {
		synchronized (this.tokens) {
			return this.tokens.size();
		}
	}

	/**
	 * One visitor's newest token. A visitor forgotten between a request and its answer
	 * (more than the bound of other visitors meanwhile) loses the answer's token: the
	 * next event of that visitor goes without one, as the first did.
	 */
	final class Visitor {

		private volatile @Nullable CachedToken cached;

		private Visitor() {
		}

		/**
		 * Return the live token.
		 * @return the token, or {@code null} when there is none or it expired
		 */
		@Nullable String token() {
			CachedToken cached = this.cached;
			return (cached != null && !cached.hasExpired(UmamiCacheTokens.this.clock)) ? cached.token() : null;
		}

		/**
		 * Whether the visitor had a token that expired.
		 * @return {@code false} when it has a live token or none yet
		 */
		boolean hasExpired() {
			CachedToken cached = this.cached;
			return cached != null && cached.hasExpired(UmamiCacheTokens.this.clock);
		}

		/**
		 * Remember the token Umami returned for this visitor's event.
		 * @param token the token
		 */
		void remember(String token) {
			this.cached = new CachedToken(token, UmamiCacheTokens.this.clock.millis() + TOKEN_LIFETIME.toMillis());
		}

	}

	private record CachedToken(String token, long expiresAt) {

		boolean hasExpired(Clock clock) {
			return this.expiresAt < clock.millis();
		}

	}

	/**
	 * What Umami derives a session from: the website and the distinct id when there is
	 * one, else the IP and User-Agent. Its hash is computed once: a key is built and
	 * looked up for every event sent.
	 */
	private static final class VisitorKey {

		private final @Nullable String website;

		private final @Nullable String id;

		private final @Nullable String ip;

		private final @Nullable String userAgent;

		private final int hash;

		private VisitorKey(@Nullable String website, @Nullable String id, @Nullable String ip,
				@Nullable String userAgent) {
			this.website = website;
			this.id = id;
			this.ip = ip;
			this.userAgent = userAgent;
			this.hash = Objects.hash(website, id, ip, userAgent);
		}

		static VisitorKey of(@Nullable String website, UmamiEvent event) {
			if (event.getId() != null) {
				return new VisitorKey(website, event.getId(), null, null);
			}
			return new VisitorKey(website, null, event.getIp(), event.getUserAgent());
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return this == other || (other instanceof VisitorKey key && this.hash == key.hash
					&& Objects.equals(this.website, key.website) && Objects.equals(this.id, key.id)
					&& Objects.equals(this.ip, key.ip) && Objects.equals(this.userAgent, key.userAgent));
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
