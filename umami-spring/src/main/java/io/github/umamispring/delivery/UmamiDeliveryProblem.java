package io.github.umamispring.delivery;

import java.time.Instant;

/**
 * A problem of delivery that occurred lately, as
 * {@link DefaultUmamiTracker#getRecentProblems()} returns it.
 *
 * @param problem what makes two occurrences the same problem: a status and Umami's
 * message, an exception type, an event name and the fields changed; never a visitor's
 * value
 * @param occurrences how often it occurred since the tracker started
 * @param lastOccurred when it last occurred
 * @author umami-spring-boot contributors
 */
public record UmamiDeliveryProblem(String problem, long occurrences, Instant lastOccurred) {

}
