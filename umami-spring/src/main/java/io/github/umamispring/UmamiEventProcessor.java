package io.github.umamispring;

import org.jspecify.annotations.Nullable;

/**
 * Changes or drops events before they are sent: adds what every event should carry (the
 * application's version, its environment), samples, or keeps internal users out of the
 * statistics. Every bean of this type is applied by the auto-configured tracker, in
 * {@link org.springframework.core.annotation.Order @Order}, to every event it is given:
 * those of {@code @TrackEvent}, pageviews, and those given to {@link UmamiTracker}'s
 * {@code track}, {@code send} and {@code identify}; without Spring Boot, hand them to
 * {@code DefaultUmamiTracker.setEventProcessors}. An event Umami would refuse (see
 * {@link UmamiEvent#getRefusal()}) is not processed: it is never sent.
 * <p>
 * A processor runs on the thread that tracks the event (a request's thread, or an event
 * loop of a reactive application), before the event is queued, and on many threads at
 * once: keep it cheap, thread-safe and never blocking. It sees the event as tracked: the
 * configured website, hostname and User-Agent are filled in later, when the event is
 * sent, for the fields it leaves empty. What it returns is checked as any event is: build
 * a changed event with {@code event.toBuilder()...build()}, which fits the values it adds
 * into Umami's limits.
 * <p>
 * Returning {@code null} drops the event: its result is {@link UmamiResult.Dropped}, with
 * the reason {@code dropped by an event processor (<class>)}, counted and logged at
 * DEBUG. An exception (or {@link Error} other than {@link OutOfMemoryError}) a processor
 * throws never reaches the code that tracked the event: the event is dropped too, with
 * the reason {@code event processor <class> failed with <exception class>}, and logged
 * once at WARN per processor and exception type within 5 minutes, without the exception's
 * message (which may quote a visitor's values), then at DEBUG with the exception. The
 * processors after it do not run. <pre class="code">
 * &#64;Bean
 * UmamiEventProcessor appVersion(BuildProperties build) {
 *     return (event) -&gt; event.toBuilder().data("app-version", build.getVersion()).build();
 * }
 * </pre>
 *
 * @author umami-spring-boot contributors
 * @see UmamiEvent#toBuilder()
 */
@FunctionalInterface
public interface UmamiEventProcessor {

	/**
	 * Process an event.
	 * @param event the event, as tracked and changed by the processors ordered before
	 * this one
	 * @return the event to send: the one given, a changed copy, or {@code null} to drop
	 * it (its result is {@link UmamiResult.Dropped}, naming this processor's class)
	 */
	@Nullable UmamiEvent process(UmamiEvent event);

}
