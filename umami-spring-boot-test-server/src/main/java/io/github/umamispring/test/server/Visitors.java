package io.github.umamispring.test.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The visitors whose events were accepted, each with the session id, visit id and cache
 * token Umami gave it, fixed when first seen. A visitor is the payload's {@code ip} and
 * the effective User-Agent.
 *
 * @author umami-spring-boot contributors
 */
final class Visitors {

	private static final String TOKEN_HEADER = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

	private final Map<String, Visitor> visitors = new ConcurrentHashMap<>();

	/**
	 * Return a visitor, creating it when first seen.
	 * @param ip the visitor's IP address, from the payload
	 * @param userAgent the visitor's User-Agent, from the payload or else the header
	 * @param website the website the visitor's first event was for
	 * @return the visitor
	 */
	Visitor visitor(@Nullable String ip, @Nullable String userAgent, String website) {
		return this.visitors.computeIfAbsent(key(ip, userAgent), (key) -> Visitor.create(key, website));
	}

	/**
	 * Return the cache token given to a visitor.
	 * @param ip the visitor's IP address, from the payload
	 * @param userAgent the visitor's User-Agent, from the payload or else the header
	 * @return the token, or {@code null} if no event of that visitor was accepted
	 */
	@Nullable String token(@Nullable String ip, @Nullable String userAgent) {
		Visitor visitor = this.visitors.get(key(ip, userAgent));
		return (visitor != null) ? visitor.token() : null;
	}

	private static String key(@Nullable String ip, @Nullable String userAgent) {
		return ((ip != null) ? ip : "") + "\n" + ((userAgent != null) ? userAgent : "");
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A visitor's session, visit and cache token, fixed when first seen.
	 *
	 * @param sessionId the session id
	 * @param visitId the visit id
	 * @param token the cache token, a JWT as Umami signs them
	 */
	record Visitor(String sessionId, String visitId, String token) {

		static Visitor create(String key, String website) {
			String sessionId = UUID.nameUUIDFromBytes(("session\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
			String visitId = UUID.nameUUIDFromBytes(("visit\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
			Map<String, @Nullable Object> claims = new LinkedHashMap<>();
			claims.put("websiteId", website);
			claims.put("sessionId", sessionId);
			claims.put("visitId", visitId);
			claims.put("iat", Instant.now().getEpochSecond());
			String unsigned = TOKEN_HEADER + "." + base64(Json.write(claims));
			return new Visitor(sessionId, visitId, unsigned + "." + sign(unsigned));
		}

		private static String sign(String unsigned) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec("mock-umami-server".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
				return Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
