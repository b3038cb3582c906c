/**
 * Capture of the visitor behind a servlet or reactive request, and server-side pageviews.
 */
@NullMarked
package io.github.umamispring.web;

import org.jspecify.annotations.NullMarked;
