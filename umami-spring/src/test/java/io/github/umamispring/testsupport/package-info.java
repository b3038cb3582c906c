/**
 * Helpers shared by the tests: recorded Umami exchanges.
 */
package io.github.umamispring.testsupport;
