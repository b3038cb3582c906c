/**
 * What the starter needs on Spring Boot 3.5 and Boot 4 changed: the {@code umami} health
 * indicator on Boot 3's health API, Umami's HTTP client on Boot 3's reactive HTTP client
 * settings, and the visitor's task decorator on Boot 3.5's executors.
 */
@NullMarked
package io.github.umamispring.boot3;

import org.jspecify.annotations.NullMarked;
