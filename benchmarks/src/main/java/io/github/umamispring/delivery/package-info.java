/**
 * Access to the tracker's package-private request writer, for the benchmarks only.
 */
@NullMarked
package io.github.umamispring.delivery;

import org.jspecify.annotations.NullMarked;
