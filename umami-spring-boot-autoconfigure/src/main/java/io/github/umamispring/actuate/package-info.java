/**
 * Metrics and health of the Umami tracker, for Micrometer and Actuator.
 */
@NullMarked
package io.github.umamispring.actuate;

import org.jspecify.annotations.NullMarked;
