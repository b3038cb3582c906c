/**
 * Micrometer meters of the Umami tracker.
 */
@NullMarked
package io.github.umamispring.metrics;

import org.jspecify.annotations.NullMarked;
