/**
 * Delivery of tracked events: the bounded queue, the sender thread and its lifecycle,
 * batching, retries and the visitors' cache tokens.
 */
@NullMarked
package io.github.umamispring.delivery;

import org.jspecify.annotations.NullMarked;
