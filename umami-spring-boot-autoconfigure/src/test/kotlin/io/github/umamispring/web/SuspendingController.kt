package io.github.umamispring.web

import io.github.umamispring.annotation.TrackEvent
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.withTimeoutOrNull
import org.springframework.http.HttpStatus
import org.springframework.stereotype.Component
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.PathVariable
import org.springframework.web.bind.annotation.RequestParam
import org.springframework.web.bind.annotation.RestController
import org.springframework.web.server.ResponseStatusException

/**
 * Kotlin controller with suspend functions and Flows, served by both the servlet and the
 * reactive test applications. Every function suspends before it completes, so that an
 * event recorded when the function returns (rather than when the coroutine completes)
 * would be recorded too early.
 */
@RestController
open class SuspendingController(private val searches: Searches) {

	@GetMapping("/suspend/orders/{id}")
	@TrackEvent(name = "suspend-order-viewed", data = "{id: #p0, plan: #result.plan, args: #root.args.length}")
	open suspend fun order(@PathVariable id: String): Order {
		delay(10)
		return Order(id, "team", 7)
	}

	@GetMapping("/suspend/fails")
	@TrackEvent("never-suspend-fails")
	open suspend fun fails(): String {
		delay(10)
		throw ResponseStatusException(HttpStatus.CONFLICT, "Conflict on purpose")
	}

	@GetMapping("/suspend/impatient")
	open suspend fun impatient(): String = withTimeoutOrNull(50) { searches.slow() } ?: "gave up"

	@GetMapping("/suspend/nested")
	open suspend fun nested(): String {
		delay(10)
		return searches.quick()
	}

	@GetMapping("/flow/items")
	@TrackEvent(name = "flow-items-listed", data = "{category: #category}")
	open fun items(@RequestParam category: String): Flow<String> = letters()

	@GetMapping("/suspend/flow/items")
	@TrackEvent(name = "suspend-flow-items-listed", data = "{category: #category}")
	open suspend fun itemsLater(@RequestParam category: String): Flow<String> {
		delay(10)
		return letters()
	}

	@GetMapping("/suspend/flow/fails")
	@TrackEvent("never-suspend-flow-fails")
	open suspend fun itemsThenFailure(): Flow<String> {
		delay(10)
		return flow {
			emit("a")
			delay(5)
			throw IllegalStateException("Failure on purpose")
		}
	}

	@GetMapping("/suspend/ping")
	@TrackEvent(name = "suspend-pinged", data = "{unit: #result == null}")
	open suspend fun ping() {
		delay(10)
	}

	@GetMapping("/suspend/marker")
	@TrackEvent("suspend-marker")
	open suspend fun marker(): String = "marker"

	private fun letters(): Flow<String> = flow {
		emit("a")
		delay(5)
		emit("b")
		delay(5)
		emit("c")
	}

	data class Order(val id: String, val plan: String, val amount: Int)

}

/**
 * A service with tracked suspend functions, called by [SuspendingController].
 */
@Component
open class Searches {

	@TrackEvent("never-cancelled-search")
	open suspend fun slow(): String {
		delay(10_000)
		return "found"
	}

	@TrackEvent(name = "quick-search", data = "{found: #result}")
	open suspend fun quick(): String {
		delay(10)
		return "quick"
	}

}
