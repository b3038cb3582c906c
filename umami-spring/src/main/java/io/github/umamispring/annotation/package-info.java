/**
 * Annotations that record Umami events declaratively.
 */
@NullMarked
package io.github.umamispring.annotation;

import org.jspecify.annotations.NullMarked;
