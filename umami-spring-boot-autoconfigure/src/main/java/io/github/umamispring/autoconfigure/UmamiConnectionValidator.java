package io.github.umamispring.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.umamispring.UmamiEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.log.LogMessage;
import org.springframework.util.StringUtils;

/**
 * Checks the connection settings at startup, so that a typo fails the application with a
 * clear message instead of losing every event later.
 *
 * @author umami-spring-boot contributors
 */
final class UmamiConnectionValidator {

	private static final Log logger = LogFactory.getLog(UmamiConnectionValidator.class);

	private static final Pattern UUID = Pattern
		.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

	private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	private static final String CLOUD_READ_API_HOST = "api.umami.is";

	private static final String WEBSITE_ID_ACTION = websiteIdAction("umami.website-id");

	private UmamiConnectionValidator() {
	}

	/**
	 * Check the website ID, and that there is one when events need it.
	 * @param connectionDetails where the website ID comes from
	 * @param required whether events need the website ID: they are sent (not a dry run)
	 * and no websites are listed by hostname
	 */
	static void validateWebsiteId(UmamiConnectionDetails connectionDetails, boolean required) {
		String websiteId = connectionDetails.getWebsiteId();
		if (websiteId != null && !isWebsiteId(websiteId)) {
			throw invalid("umami.website-id", websiteId,
					"Umami identifies websites by UUID and refuses events for anything else", WEBSITE_ID_ACTION);
		}
		if (websiteId == null && required) {
			throw invalid("umami.website-id", null,
					"a website ID is needed to send events to " + connectionDetails.getHostUrl(),
					WEBSITE_ID_ACTION + ", list websites by hostname under 'umami.websites', or remove"
							+ " 'umami.host-url' to log events instead of sending them");
		}
	}

	/**
	 * Whether a value is a website ID as Umami has them: a UUID.
	 * @param value the value
	 * @return whether Umami can know a website by it
	 */
	static boolean isWebsiteId(String value) {
		return UUID.matcher(value).matches();
	}

	/**
	 * Return how to set a website ID.
	 * @param property the property that takes it
	 * @return the action, without final period
	 */
	static String websiteIdAction(String property) {
		return "Set '" + property + "' to the website ID shown in Umami under Settings > Websites > Edit, a UUID"
				+ " such as 51499dbe-116f-42b4-9a2e-dfcfc230677f";
	}

	/**
	 * Check the send path and the host URL, and warn of an API key sent in clear text.
	 * @param properties the send path and API key
	 * @param hostUrl the host URL, or {@code null} when there is none (a dry run)
	 */
	static void validateHostUrl(UmamiProperties properties, @Nullable String hostUrl) {
		String sendPath = properties.getSendPath();
		if (sendPath == null || !sendPath.startsWith("/")) {
			throw invalid("umami.send-path", sendPath, "the collection path must start with '/'",
					"Set 'umami.send-path' to the path of Umami's collection endpoint, by default /api/send");
		}
		if (hostUrl == null) {
			return;
		}
		URI uri = parseHostUrl(hostUrl);
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		if (host.equals(CLOUD_READ_API_HOST)) {
			throw invalid("umami.host-url", hostUrl,
					"api.umami.is is Umami Cloud's read API, which answers 405 to events",
					"Set 'umami.host-url' to https://cloud.umami.is, where Umami Cloud collects events");
		}
		String path = (uri.getPath() != null) ? uri.getPath() : "";
		if (path.endsWith(sendPath) || path.endsWith(sendPath + "/")) {
			throw invalid("umami.host-url", hostUrl,
					"the host URL already ends with the collection path, which the starter appends itself",
					"Set 'umami.host-url' to the server's base URL, without " + sendPath);
		}
		if (StringUtils.hasText(properties.getApiKey()) && uri.getScheme().equalsIgnoreCase("http")
				&& !isLoopback(host)) {
			logger.warn(LogMessage.format("'umami.api-key' is sent in clear text to %s://%s: whoever sees the traffic"
					+ " can read it. Set 'umami.host-url' to an https URL", uri.getScheme(), uri.getHost()));
		}
	}

	/**
	 * Whether the host is this machine, named or as an address, without resolving it.
	 */
	private static boolean isLoopback(String host) {
		String name = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		return name.equals("localhost") || name.endsWith(".localhost") || LOOPBACK_IPV4.matcher(name).matches()
				|| name.equals("::1") || name.equals("0:0:0:0:0:0:0:1");
	}

	/**
	 * Check the configured hostname and return it as Umami's own script sends a hostname:
	 * lower case, internationalized names in punycode, without port.
	 * @param hostname the value of {@code umami.hostname}
	 * @return the hostname to send, or {@code null} when none is set
	 */
	static @Nullable String hostname(@Nullable String hostname) {
		if (hostname == null || hostname.isBlank()) {
			return null;
		}
		UmamiEvent event = UmamiEvent.pageview("/").hostname(hostname).build();
		if (!event.getAdjustments().isEmpty()) {
			throw invalid("umami.hostname", hostname,
					"Umami takes a host name (without scheme or path) of at most " + UmamiEvent.MAX_HOSTNAME_LENGTH
							+ " characters",
					"Set 'umami.hostname' to the host name visitors see, such as shop.example.com");
		}
		return event.getHostname();
	}

	private static URI parseHostUrl(String hostUrl) {
		URI uri = toUri(hostUrl);
		String scheme = (uri != null) ? uri.getScheme() : null;
		if (uri == null || scheme == null || uri.getHost() == null
				|| !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
			throw invalid("umami.host-url", hostUrl, "the host URL must be an absolute http or https URL",
					"Set 'umami.host-url' to the base URL of your Umami server, such as https://cloud.umami.is"
							+ " or https://analytics.example.com");
		}
		return uri;
	}

	private static @Nullable URI toUri(String value) {
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * Return the exception Boot's failure analysis reports with the property, its value
	 * and where it was set; the reason ends with the fix.
	 * @param property the property
	 * @param value its value, or {@code null} when it is not set
	 * @param reason why the value cannot work
	 * @param action what to do about it
	 * @return the exception to throw
	 */
	static InvalidConfigurationPropertyValueException invalid(String property, @Nullable Object value, String reason,
			String action) {
		return new InvalidConfigurationPropertyValueException(property, (value != null) ? value : "(not set)",
				reason + ". " + action + ".");
	}

}
