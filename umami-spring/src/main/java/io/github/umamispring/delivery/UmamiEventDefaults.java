package io.github.umamispring.delivery;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiWebsites;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What an event is sent with when it does not say: the website, the hostname and the
 * {@code User-Agent} of events without a visitor (scheduled jobs, listeners).
 * <p>
 * An event goes to the website it names
 * ({@link io.github.umamispring.UmamiEventBuilder#website(String)}); else to the website
 * whose hostnames match its hostname (its own, else the default hostname); else to the
 * default website. An event that matches no website when websites are listed by hostname
 * and there is no default website is not sent.
 *
 * @param websiteId the website for events that name none and whose hostname no website
 * lists
 * @param hostname the hostname for events that have none
 * @param userAgent the {@code User-Agent} for events without a visitor agent; one that
 * Umami does not filter as a bot
 * @param websites the websites of the hostnames an application serves, when it serves
 * several
 * @author umami-spring-boot contributors
 */
public record UmamiEventDefaults(@Nullable String websiteId, @Nullable String hostname, String userAgent,
		UmamiWebsites websites) {

	public UmamiEventDefaults {
		Assert.hasText(userAgent, "'userAgent' must not be empty");
		Assert.notNull(websites, "'websites' must not be null");
	}

	/**
	 * Create defaults for an application whose events all go to one website, unless they
	 * name their own.
	 * @param websiteId the website for events that name none
	 * @param hostname the hostname for events that have none
	 * @param userAgent the {@code User-Agent} for events without a visitor agent; one
	 * that Umami does not filter as a bot
	 */
	public UmamiEventDefaults(@Nullable String websiteId, @Nullable String hostname, String userAgent) {
		this(websiteId, hostname, userAgent, UmamiWebsites.none());
	}

	/**
	 * Return the hostname an event is sent with: its own, else the default one.
	 * @param event the event
	 * @return the hostname, or {@code null} when neither is set
	 */
	@Nullable String hostnameFor(UmamiEvent event) {
		return (event.getHostname() != null) ? event.getHostname() : this.hostname;
	}

	/**
	 * Return the website an event goes to: the one it names, else the one whose hostnames
	 * match its {@link #hostnameFor(UmamiEvent) hostname}, else the default one. The one
	 * place that decides it, for the request and for the cache token alike.
	 * @param event the event
	 * @return the website id, or {@code null} when there is none
	 */
	@Nullable String websiteFor(UmamiEvent event) {
		if (event.getWebsite() != null) {
			return event.getWebsite();
		}
		String website = this.websites.websiteFor(hostnameFor(event));
		return (website != null) ? website : this.websiteId;
	}

	/**
	 * Whether an event has no website to go to although websites are listed by hostname:
	 * it names none, its hostname matches none and there is no default website. Without
	 * websites listed, such an event is sent as it is (in a dry run, say).
	 * @param event the event
	 * @return whether the event cannot be sent
	 */
	boolean hasNoWebsite(UmamiEvent event) {
		return !this.websites.isEmpty() && websiteFor(event) == null;
	}

}
