/**
 * Interception of {@link io.github.umamispring.annotation.TrackEvent @TrackEvent}
 * methods: expression evaluation and return-type handling.
 */
@NullMarked
package io.github.umamispring.aop;

import org.jspecify.annotations.NullMarked;
