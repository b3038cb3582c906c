/**
 * Test annotation and auto-configuration that replace the Umami tracker with a recording
 * one.
 */
@NullMarked
package io.github.umamispring.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
