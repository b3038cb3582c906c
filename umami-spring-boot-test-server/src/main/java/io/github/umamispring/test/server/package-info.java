/**
 * A mock Umami server for tests: a loopback HTTP server answering like Umami 3.1.0 and
 * recording what it received.
 */
@NullMarked
package io.github.umamispring.test.server;

import org.jspecify.annotations.NullMarked;
