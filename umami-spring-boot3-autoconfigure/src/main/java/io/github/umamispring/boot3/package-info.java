/**
 * What the starter needs on Spring Boot 3.5 and Boot 4 moved: the {@code umami} health
 * indicator on Boot 3's health API.
 */
@NullMarked
package io.github.umamispring.boot3;

import org.jspecify.annotations.NullMarked;
