/**
 * Internal helpers shared by the starter's packages; not part of its API.
 */
@NullMarked
package io.github.umamispring.support;

import org.jspecify.annotations.NullMarked;
