/*
 * Kotlin extensions for UmamiTracker. Compiled into the autoconfigure jar with Kotlin and
 * kotlinx-coroutines-reactor as optional dependencies: a Java application never loads them.
 */
@file:JvmName("UmamiTrackerExtensions")

package io.github.umamispring

import kotlinx.coroutines.reactor.awaitSingle
import kotlinx.coroutines.reactor.awaitSingleOrNull

/**
 * Send the event once, without the queue, and suspend until Umami answers: the coroutine
 * form of [UmamiTracker.send]. A failing Umami never throws: the [UmamiResult] says what
 * happened. Cancelling the calling coroutine cancels the request.
 *
 * @param event the event
 * @return Umami's verdict
 */
suspend fun UmamiTracker.sendAndAwait(event: UmamiEvent): UmamiResult = send(event).awaitSingle()

/**
 * Suspend until every event [tracked][UmamiTracker.track] before this call was delivered
 * or given up: the coroutine form of [UmamiTracker.flush].
 */
suspend fun UmamiTracker.flushAndAwait() {
	flush().awaitSingleOrNull()
}
