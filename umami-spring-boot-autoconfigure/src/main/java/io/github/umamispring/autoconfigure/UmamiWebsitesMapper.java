package io.github.umamispring.autoconfigure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.umamispring.UmamiWebsites;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import static io.github.umamispring.autoconfigure.UmamiConnectionValidator.invalid;

/**
 * Maps the {@code umami.websites} property to {@link UmamiWebsites}, checking it first,
 * so that a website without ID, a malformed hostname or a hostname listed for two
 * websites fails the application with the property's name, such as
 * {@code umami.websites[1].hostnames[0]}, and the fix.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiWebsitesMapper {

	private UmamiWebsitesMapper() {
	}

	static UmamiWebsites map(UmamiProperties properties) {
		List<UmamiProperties.Website> websites = properties.getWebsites();
		UmamiWebsites.Builder builder = UmamiWebsites.builder();
		// Where each hostname was listed first, to name both places of a conflict
		Map<String, String> listedIn = new HashMap<>();
		for (int i = 0; i < websites.size(); i++) {
			String property = "umami.websites[" + i + "]";
			UmamiProperties.Website website = websites.get(i);
			String websiteId = websiteId(property + ".website-id", website.getWebsiteId());
			List<String> hostnames = website.getHostnames();
			if (hostnames == null || hostnames.isEmpty()) {
				throw invalid(property + ".hostnames", null, "a website listed by hostname needs at least one hostname",
						"Set '" + property + ".hostnames' to the hostnames whose events go to website " + websiteId
								+ ", such as shop.example.com or *.example.com, or remove " + property);
			}
			for (int j = 0; j < hostnames.size(); j++) {
				String hostnameProperty = property + ".hostnames[" + j + "]";
				String hostname = normalize(hostnameProperty, hostnames.get(j));
				try {
					builder.website(websiteId, hostname);
				}
				catch (IllegalArgumentException ex) {
					// A normalized hostname is refused only when another website lists it
					throw invalid(hostnameProperty, hostnames.get(j), String.valueOf(ex.getMessage()),
							"Remove it from '" + hostnameProperty + "' or from '" + listedIn.get(hostname) + "'");
				}
				listedIn.putIfAbsent(hostname, hostnameProperty);
			}
		}
		return builder.build();
	}

	private static String websiteId(String property, @Nullable String websiteId) {
		if (!StringUtils.hasText(websiteId)) {
			throw invalid(property, null, "every website listed by hostname needs its website ID",
					UmamiConnectionValidator.websiteIdAction(property));
		}
		String trimmed = websiteId.trim();
		if (!UmamiConnectionValidator.isWebsiteId(trimmed)) {
			throw invalid(property, websiteId, "Umami identifies websites by UUID and refuses events for anything else",
					UmamiConnectionValidator.websiteIdAction(property));
		}
		return trimmed;
	}

	private static String normalize(String property, @Nullable String hostname) {
		try {
			return UmamiWebsites.normalizeHostname((hostname != null) ? hostname : "");
		}
		catch (IllegalArgumentException ex) {
			throw invalid(property, hostname, String.valueOf(ex.getMessage()), "Set '" + property
					+ "' to a hostname, such as shop.example.com, or to a pattern for its subdomains, such as *.example.com");
		}
	}

}
