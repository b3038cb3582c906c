package io.github.umamispring.web;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

/**
 * Resolves the distinct id Umami keys a visitor's session on, such as a user id, from the
 * authenticated principal of the request. Define a bean of this type to send it as the
 * payload's {@code id} with every event and pageview of an authenticated request.
 * <p>
 * A distinct id is personal data: only send one when your privacy policy allows it.
 *
 * @author umami-spring-boot contributors
 */
@FunctionalInterface
public interface UmamiDistinctIdResolver {

	/**
	 * Return the distinct id of the given principal.
	 * @param principal the authenticated principal of the request
	 * @return the distinct id, at most 50 characters, or {@code null} for none
	 */
	@Nullable String resolveDistinctId(Principal principal);

}
