package io.github.umamispring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for Umami analytics: the connection at the root, then one
 * group per concern ({@code delivery}, {@code privacy}, {@code track-event},
 * {@code pageviews}, {@code observations}, {@code health}).
 *
 * @author umami-spring-boot contributors
 */
@ConfigurationProperties("umami")
public class UmamiProperties {

	/**
	 * User-Agent sent for events that have no visitor. Chosen to pass Umami's bot filter
	 * (the isbot library), which treats Java HTTP clients' own agents as bots.
	 */
	public static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) umami-spring-boot";

	/**
	 * Whether to send events to Umami. When disabled, the tracker bean stays injectable
	 * and does nothing.
	 */
	private boolean enabled = true;

	/**
	 * Base URL of the Umami server, for example https://cloud.umami.is or
	 * https://analytics.example.com/umami. Without it, events are only logged (dry run).
	 */
	private @Nullable String hostUrl;

	/**
	 * ID of the website events are recorded for, a UUID shown in Umami's website
	 * settings.
	 */
	private @Nullable String websiteId;

	/**
	 * Websites chosen by the event's hostname, for an application that serves several
	 * hostnames, each its own website in Umami: each with its website-id and its
	 * hostnames, exact names or patterns such as *.example.com (every subdomain of
	 * example.com, not example.com itself). Events of other hostnames go to website-id.
	 */
	private List<Website> websites = new ArrayList<>();

	/**
	 * Path of Umami's collection endpoint, relative to the host URL. Change it when the
	 * server sets COLLECT_API_ENDPOINT.
	 */
	private String sendPath = "/api/send";

	/**
	 * API key sent as the x-umami-api-key header. Never logged.
	 */
	private @Nullable String apiKey;

	/**
	 * Hostname reported for events that have none, such as events sent outside an HTTP
	 * request.
	 */
	private @Nullable String hostname;

	/**
	 * User-Agent sent for events that have no visitor agent. Must not look like a bot to
	 * Umami, or such events are silently discarded.
	 */
	private String userAgent = DEFAULT_USER_AGENT;

	/**
	 * Whether to log the JSON of each event instead of sending it. Always on when no host
	 * URL is set.
	 */
	private boolean dryRun;

	/**
	 * What to do with an event whose values from visitors or from run-time data break one
	 * of Umami's limits: send it with those values cut or left out, or refuse it (for
	 * tests).
	 */
	private OverLimit overLimit = OverLimit.ADJUST;

	private final Delivery delivery = new Delivery();

	private final Privacy privacy = new Privacy();

	private final TrackEvent trackEvent = new TrackEvent();

	private final Pageviews pageviews = new Pageviews();

	private final Observations observations = new Observations();

	private final Health health = new Health();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getHostUrl() {
		return this.hostUrl;
	}

	public void setHostUrl(@Nullable String hostUrl) {
		this.hostUrl = hostUrl;
	}

	public @Nullable String getWebsiteId() {
		return this.websiteId;
	}

	public void setWebsiteId(@Nullable String websiteId) {
		this.websiteId = websiteId;
	}

	public List<Website> getWebsites() {
		return this.websites;
	}

	public void setWebsites(List<Website> websites) {
		this.websites = websites;
	}

	public String getSendPath() {
		return this.sendPath;
	}

	public void setSendPath(String sendPath) {
		this.sendPath = sendPath;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public @Nullable String getHostname() {
		return this.hostname;
	}

	public void setHostname(@Nullable String hostname) {
		this.hostname = hostname;
	}

	public String getUserAgent() {
		return this.userAgent;
	}

	public void setUserAgent(String userAgent) {
		this.userAgent = userAgent;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public void setDryRun(boolean dryRun) {
		this.dryRun = dryRun;
	}

	public OverLimit getOverLimit() {
		return this.overLimit;
	}

	public void setOverLimit(OverLimit overLimit) {
		this.overLimit = overLimit;
	}

	public Delivery getDelivery() {
		return this.delivery;
	}

	public Privacy getPrivacy() {
		return this.privacy;
	}

	public TrackEvent getTrackEvent() {
		return this.trackEvent;
	}

	public Pageviews getPageviews() {
		return this.pageviews;
	}

	public Observations getObservations() {
		return this.observations;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * Return the connection settings, with the API key masked, for logs and failure
	 * messages; the delivery, privacy and feature settings are left out.
	 * @return the connection settings
	 */
	@Override
	public String toString() {
		return "UmamiProperties[enabled=" + this.enabled + ", hostUrl=" + this.hostUrl + ", websiteId=" + this.websiteId
				+ ", sendPath=" + this.sendPath + ", apiKey=" + ((this.apiKey != null) ? "******" : null)
				+ ", hostname=" + this.hostname + ", userAgent=" + this.userAgent + ", dryRun=" + this.dryRun + "]";
	}

	/**
	 * A website of its own for the events of some hostnames.
	 */
	public static class Website {

		/**
		 * ID of the website, a UUID shown in Umami's website settings.
		 */
		private @Nullable String websiteId;

		/**
		 * Hostnames whose events go to this website: exact names, such as
		 * shop.example.com, or patterns, such as *.example.com.
		 */
		private List<String> hostnames = new ArrayList<>();

		public @Nullable String getWebsiteId() {
			return this.websiteId;
		}

		public void setWebsiteId(@Nullable String websiteId) {
			this.websiteId = websiteId;
		}

		public List<String> getHostnames() {
			return this.hostnames;
		}

		public void setHostnames(List<String> hostnames) {
			this.hostnames = hostnames;
		}

	}

	/**
	 * What to do with an event whose run-time values break one of Umami's limits. Values
	 * fixed in code (an event name or tag) are always refused.
	 */
	public enum OverLimit {

		/**
		 * Send the event with each such value cut, left out or sent as a string, and
		 * count it in umami.events.adjusted.
		 */
		ADJUST,

		/**
		 * Refuse the event: it is dropped and logged at WARN.
		 */
		REFUSE

	}

	/**
	 * How events reach Umami: timeouts, requests in flight, the queue, retries, batching
	 * and shutdown.
	 */
	public static class Delivery {

		/**
		 * Connect timeout for requests to Umami.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Time Umami may take to answer a request of one event once it was sent, when no
		 * other events are in flight.
		 */
		private Duration readTimeout = Duration.ofSeconds(5);

		/**
		 * Time added to the read timeout for every other event Umami writes before it
		 * answers: those of a batch after the first, and those of the requests already in
		 * flight.
		 */
		private Duration readTimeoutPerEvent = Duration.ofMillis(100);

		/**
		 * Maximum number of requests to Umami in flight at once. The tracker adapts its
		 * own limit, up to this, to Umami's latency.
		 */
		private int maxInFlight = 16;

		/**
		 * Time to wait at shutdown for queued events to be delivered before abandoning
		 * them.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		private final Queue queue = new Queue();

		private final Retry retry = new Retry();

		private final Batch batch = new Batch();

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getReadTimeoutPerEvent() {
			return this.readTimeoutPerEvent;
		}

		public void setReadTimeoutPerEvent(Duration readTimeoutPerEvent) {
			this.readTimeoutPerEvent = readTimeoutPerEvent;
		}

		public int getMaxInFlight() {
			return this.maxInFlight;
		}

		public void setMaxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public Queue getQueue() {
			return this.queue;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public Batch getBatch() {
			return this.batch;
		}

		/**
		 * Settings of the queue that events handed over without waiting go through.
		 */
		public static class Queue {

			/**
			 * Maximum number of events held for delivery, waiting or being sent.
			 */
			private int capacity = 10000;

			/**
			 * Which event to drop when the queue is full.
			 */
			private Overflow overflow = Overflow.DROP_NEWEST;

			public int getCapacity() {
				return this.capacity;
			}

			public void setCapacity(int capacity) {
				this.capacity = capacity;
			}

			public Overflow getOverflow() {
				return this.overflow;
			}

			public void setOverflow(Overflow overflow) {
				this.overflow = overflow;
			}

			/**
			 * What to drop when the queue is full.
			 */
			public enum Overflow {

				/**
				 * Drop the event being handed over.
				 */
				DROP_NEWEST,

				/**
				 * Drop the oldest event still waiting, to make room for the new one.
				 */
				DROP_OLDEST

			}

		}

		/**
		 * Settings of retries, made only where Umami cannot have stored the event.
		 */
		public static class Retry {

			/**
			 * Maximum number of attempts for an event whose sending Umami (or a gateway
			 * in front of it) answered with 429, 502 or 503, the first attempt included.
			 * A 504, a 500 and a timeout are never retried: Umami may have stored the
			 * event.
			 */
			private int maxAttempts = 5;

			/**
			 * Backoff before the first retry, doubled for each further retry.
			 */
			private Duration initialBackoff = Duration.ofMillis(500);

			/**
			 * Longest backoff between two attempts and between two connection attempts
			 * while Umami is unreachable, and the most a Retry-After header is honoured.
			 */
			private Duration maxBackoff = Duration.ofSeconds(30);

			public int getMaxAttempts() {
				return this.maxAttempts;
			}

			public void setMaxAttempts(int maxAttempts) {
				this.maxAttempts = maxAttempts;
			}

			public Duration getInitialBackoff() {
				return this.initialBackoff;
			}

			public void setInitialBackoff(Duration initialBackoff) {
				this.initialBackoff = initialBackoff;
			}

			public Duration getMaxBackoff() {
				return this.maxBackoff;
			}

			public void setMaxBackoff(Duration maxBackoff) {
				this.maxBackoff = maxBackoff;
			}

		}

		/**
		 * Settings of batching through Umami's /api/batch endpoint.
		 */
		public static class Batch {

			/**
			 * Whether to send queued events in batches through /api/batch, falling back
			 * to one request per event when the server has no such endpoint.
			 */
			private boolean enabled = true;

			/**
			 * Maximum number of events in one batch, at most 500.
			 */
			private int maxSize = 100;

			/**
			 * Longest time an event waits for more events to fill its batch.
			 */
			private Duration maxWait = Duration.ofMillis(100);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public int getMaxSize() {
				return this.maxSize;
			}

			public void setMaxSize(int maxSize) {
				this.maxSize = maxSize;
			}

			public Duration getMaxWait() {
				return this.maxWait;
			}

			public void setMaxWait(Duration maxWait) {
				this.maxWait = maxWait;
			}

		}

	}

	/**
	 * What is sent about the visitor of an HTTP request, and which requests record
	 * nothing.
	 */
	public static class Privacy {

		/**
		 * Whether to send the visitor's IP address, as seen after forwarded-header
		 * handling (server.forward-headers-strategy). Without it, Umami locates every
		 * visitor where the application runs.
		 */
		private boolean forwardIp = true;

		/**
		 * Whether to send the visitor's User-Agent. Without it, events carry the
		 * configured user-agent and Umami reports the same browser for every visitor.
		 */
		private boolean forwardUserAgent = true;

		/**
		 * Whether to shorten the visitor's IP address to its network before sending it:
		 * IPv4 to /24, IPv6 to /48.
		 */
		private boolean anonymizeIp;

		/**
		 * Whether to send the url and referrer without their query string, as Umami's
		 * tracker does with data-exclude-search. Umami then reads no campaign (utm_*)
		 * parameters.
		 */
		private boolean excludeQuery;

		/**
		 * Names of the query parameters removed from the url and referrer before they are
		 * sent, matched ignoring case as a whole name or a separated part of a longer
		 * name: token removes access_token and accessToken, key removes api-key but not
		 * keyword. Path parameters such as ;jsessionid= are removed the same way.
		 */
		private String[] excludeQueryParameters = { "token", "password", "passwd", "secret", "key", "apikey", "session",
				"sessionid", "jsessionid", "signature", "sig", "credential", "auth", "mail", "email" };

		/**
		 * Names of the query parameters removed from the url and referrer only when a
		 * parameter has exactly that name, ignoring case, such as OAuth's code and state:
		 * promo_code and zipcode stay.
		 */
		private String[] excludeQueryParametersExact = { "code", "state" };

		/**
		 * Whether to skip tracking requests that send the Global Privacy Control signal
		 * (Sec-GPC: 1).
		 */
		private boolean honorGlobalPrivacyControl = true;

		/**
		 * Path patterns, such as /admin/** or /health, whose requests are never tracked.
		 */
		private List<String> excludePaths = new ArrayList<>();

		public boolean isForwardIp() {
			return this.forwardIp;
		}

		public void setForwardIp(boolean forwardIp) {
			this.forwardIp = forwardIp;
		}

		public boolean isForwardUserAgent() {
			return this.forwardUserAgent;
		}

		public void setForwardUserAgent(boolean forwardUserAgent) {
			this.forwardUserAgent = forwardUserAgent;
		}

		public boolean isAnonymizeIp() {
			return this.anonymizeIp;
		}

		public void setAnonymizeIp(boolean anonymizeIp) {
			this.anonymizeIp = anonymizeIp;
		}

		public boolean isExcludeQuery() {
			return this.excludeQuery;
		}

		public void setExcludeQuery(boolean excludeQuery) {
			this.excludeQuery = excludeQuery;
		}

		public String[] getExcludeQueryParameters() {
			return this.excludeQueryParameters;
		}

		public void setExcludeQueryParameters(String[] excludeQueryParameters) {
			this.excludeQueryParameters = excludeQueryParameters;
		}

		public String[] getExcludeQueryParametersExact() {
			return this.excludeQueryParametersExact;
		}

		public void setExcludeQueryParametersExact(String[] excludeQueryParametersExact) {
			this.excludeQueryParametersExact = excludeQueryParametersExact;
		}

		public boolean isHonorGlobalPrivacyControl() {
			return this.honorGlobalPrivacyControl;
		}

		public void setHonorGlobalPrivacyControl(boolean honorGlobalPrivacyControl) {
			this.honorGlobalPrivacyControl = honorGlobalPrivacyControl;
		}

		public List<String> getExcludePaths() {
			return this.excludePaths;
		}

		public void setExcludePaths(List<String> excludePaths) {
			this.excludePaths = excludePaths;
		}

	}

	/**
	 * Properties of {@code @TrackEvent}.
	 */
	public static class TrackEvent {

		/**
		 * Whether to record an event for each successful call of a method annotated
		 * with @TrackEvent.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Server-side pageview properties.
	 */
	public static class Pageviews {

		/**
		 * Whether to record a pageview for each successful GET request answered with
		 * HTML.
		 */
		private boolean enabled;

		/**
		 * Path patterns of the pages to track. When empty, every page is tracked.
		 */
		private List<String> includePaths = new ArrayList<>();

		/**
		 * Path patterns of the pages never to track, in addition to static resources and
		 * actuator endpoints.
		 */
		private List<String> excludePaths = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getIncludePaths() {
			return this.includePaths;
		}

		public void setIncludePaths(List<String> includePaths) {
			this.includePaths = includePaths;
		}

		public List<String> getExcludePaths() {
			return this.excludePaths;
		}

		public void setExcludePaths(List<String> excludePaths) {
			this.excludePaths = excludePaths;
		}

	}

	/**
	 * Observation properties of the starter's own requests to Umami.
	 */
	public static class Observations {

		/**
		 * Whether to record the requests to Umami with the application's observation
		 * registry, as http.client.requests metrics and tracing spans. Without it, no
		 * analytics event starts a trace; the umami.send timer measures the requests
		 * either way.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * How the umami health indicator reports an Umami it cannot reach.
	 */
	public static class Health {

		/**
		 * Whether Umami is critical to the application: an Umami that cannot be reached
		 * or answers with an error is then reported DOWN, which turns the application's
		 * overall health DOWN. Otherwise it is reported UNAVAILABLE, which Spring Boot's
		 * status aggregation leaves out.
		 */
		private boolean critical;

		public boolean isCritical() {
			return this.critical;
		}

		public void setCritical(boolean critical) {
			this.critical = critical;
		}

	}

}
