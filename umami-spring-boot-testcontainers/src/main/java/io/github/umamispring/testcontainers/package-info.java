/**
 * Testcontainers support: an Umami server in Docker that {@code @ServiceConnection}
 * connects the starter to.
 */
@NullMarked
package io.github.umamispring.testcontainers;

import org.jspecify.annotations.NullMarked;
