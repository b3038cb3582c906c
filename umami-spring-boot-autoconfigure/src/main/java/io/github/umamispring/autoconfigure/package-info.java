/**
 * Auto-configuration for Umami, its {@code umami.*} properties and startup diagnostics.
 */
@NullMarked
package io.github.umamispring.autoconfigure;

import org.jspecify.annotations.NullMarked;
