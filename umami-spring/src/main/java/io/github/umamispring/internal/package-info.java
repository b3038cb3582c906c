/**
 * Internal helpers shared by the library's packages: public only for them, not part of
 * the API, and changed in any release without notice.
 */
@NullMarked
package io.github.umamispring.internal;

import org.jspecify.annotations.NullMarked;
