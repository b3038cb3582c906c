/**
 * Support for Spring Boot's Docker Compose service connections to an Umami server.
 */
@NullMarked
package io.github.umamispring.docker.compose;

import org.jspecify.annotations.NullMarked;
