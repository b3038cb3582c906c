/**
 * Test support for code that tracks events with Umami: a recording tracker and AssertJ
 * assertions on what it recorded.
 */
@NullMarked
package io.github.umamispring.test;

import org.jspecify.annotations.NullMarked;
