/**
 * Benchmarks and load harness for the Umami tracker.
 */
package io.github.umamispring.benchmarks;
