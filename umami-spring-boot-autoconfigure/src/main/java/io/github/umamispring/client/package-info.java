/**
 * {@code WebClient} transport to Umami's collection endpoint and the parsing of its
 * answers.
 */
@NullMarked
package io.github.umamispring.client;

import org.jspecify.annotations.NullMarked;
