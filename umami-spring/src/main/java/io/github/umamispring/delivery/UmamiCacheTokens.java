package io.github.umamispring.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.umamispring.UmamiEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Remembers the newest {@code x-umami-cache} token of each visitor of each website, for
 * the 30 minutes Umami honours it. A token is bound to one visitor's session: sharing it
 * would merge visitors, so it is only ever echoed for the same (website, distinct id, IP,
 * User-Agent). Bounded: the least recently used visitor is forgotten first, and a visitor
 * forgotten between a request and its answer loses that answer's token.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiCacheTokens {

	/**
	 * How long Umami keeps a visit for a token.
	 */
	static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);

	private final Clock clock;

	private final Map<VisitorKey, Visitor> visitors;

	UmamiCacheTokens(int maxVisitors) {
		this(maxVisitors, Clock.systemUTC());
	}

	UmamiCacheTokens(int maxVisitors, Clock clock) {
		Assert.isTrue(maxVisitors > 0, "'maxVisitors' must be positive");
		this.clock = clock;
		this.visitors = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<VisitorKey, Visitor> eldest) {
				return size() > maxVisitors;
			}

		};
	}

	/**
	 * Return the visitor's place in the cache, added when missing: a request reads its
	 * token there and its answer writes the new one back, so that the lookup costs the
	 * thread that sends, not the event loop that reads the answer.
	 * @param website the website the event goes to
	 * @param event the event
	 * @return the visitor
	 */
	Visitor visitor(@Nullable String website, UmamiEvent event) {
		VisitorKey key = VisitorKey.of(website, event);
		synchronized (this.visitors) {
			return this.visitors.computeIfAbsent(key, (added) -> new Visitor());
		}
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
		synchronized (this.visitors) {
			return this.visitors.size();
		}
	}

	/**
	 * One visitor's newest token.
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
			return (cached != null && cached.expiresAt() >= UmamiCacheTokens.this.clock.millis()) ? cached.token()
					: null;
		}

		void remember(String token) {
			this.cached = new CachedToken(token, UmamiCacheTokens.this.clock.millis() + TOKEN_LIFETIME.toMillis());
		}

	}

	private record CachedToken(String token, long expiresAt) {

	}

	/**
	 * What Umami derives a session from: the website and the distinct id when there is
	 * one, else the IP and User-Agent.
	 */
	private record VisitorKey(@Nullable String website, @Nullable String id, @Nullable String ip,
			@Nullable String userAgent) {

		static VisitorKey of(@Nullable String website, UmamiEvent event) {
			if (event.getId() != null) {
				return new VisitorKey(website, event.getId(), null, null);
			}
			return new VisitorKey(website, null, event.getIp(), event.getUserAgent());
		}

	}

}
