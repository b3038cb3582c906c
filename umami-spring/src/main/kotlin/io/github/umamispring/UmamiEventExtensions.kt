/*
 * Kotlin builders for UmamiEvent. Compiled into the autoconfigure jar with Kotlin as an
 * optional dependency: a Java application never loads them.
 */
@file:JvmName("UmamiEventExtensions")

package io.github.umamispring

/**
 * Build a custom event, configured by [init]:
 * ```
 * umamiEvent("signup") { data("plan", "pro") }
 * ```
 *
 * @param name the event name, at most [UmamiEvent.MAX_NAME_LENGTH] characters
 * @param init configures the event (data, url, ...)
 * @return the event
 * @throws IllegalArgumentException if the event breaks one of Umami's limits
 */
inline fun umamiEvent(name: String, init: UmamiEventBuilder.() -> Unit = {}): UmamiEvent =
	UmamiEvent.event(name).apply(init).build()

/**
 * Build a pageview, configured by [init]:
 * ```
 * umamiPageview("/pricing") { title("Pricing") }
 * ```
 *
 * @param url the page's path and query
 * @param init configures the pageview (title, referrer, ...)
 * @return the pageview
 * @throws IllegalArgumentException if the pageview breaks one of Umami's limits
 */
inline fun umamiPageview(url: String, init: UmamiEventBuilder.() -> Unit = {}): UmamiEvent =
	UmamiEvent.pageview(url).apply(init).build()

/**
 * Add data entries, as [UmamiEventBuilder.data] does for each:
 * `data("plan" to "pro", "seats" to 3)`.
 *
 * @param entries the entries
 * @return the builder
 */
fun UmamiEventBuilder.data(vararg entries: Pair<String, Any?>): UmamiEventBuilder = apply {
	entries.forEach { (key, value) -> data(key, value) }
}
