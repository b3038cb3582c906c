/**
 * What the starter needs on Spring Boot 3.5 and Boot 4 changed: the {@code umami} health
 * indicator on Boot 3's health API, and the visitor's task decorator on Boot 3.5's
 * executors.
 */
@NullMarked
package io.github.umamispring.boot3;

import org.jspecify.annotations.NullMarked;
