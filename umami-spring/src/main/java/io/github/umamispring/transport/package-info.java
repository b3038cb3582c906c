/**
 * The transport SPI and its {@code WebClient} implementation: one HTTP request to Umami
 * and the parsing of its answer.
 */
@NullMarked
package io.github.umamispring.transport;

import org.jspecify.annotations.NullMarked;
