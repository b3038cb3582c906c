/**
 * What the starter needs on Spring Boot 3.5 and Boot 4 moved: the {@code umami} health
 * indicator on Boot 3's health API, and Umami's HTTP client on Boot 3's reactive HTTP
 * client settings.
 */
@NullMarked
package io.github.umamispring.boot3;

import org.jspecify.annotations.NullMarked;
