/**
 * Public API for sending server-side analytics to Umami:
 * {@link io.github.umamispring.UmamiTracker}, {@link io.github.umamispring.UmamiEvent}
 * and {@link io.github.umamispring.UmamiResult}.
 */
@NullMarked
package io.github.umamispring;

import org.jspecify.annotations.NullMarked;
