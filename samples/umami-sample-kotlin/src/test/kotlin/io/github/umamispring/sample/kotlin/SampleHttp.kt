package io.github.umamispring.sample.kotlin

import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/**
 * Calls the running sample over HTTP the way a browser would.
 */
class SampleHttp(private val port: Int) {

	private val client = HttpClient.newHttpClient()

	fun get(path: String): HttpResponse<String> = send(browser(path).GET().build())

	fun postForm(path: String, form: String): HttpResponse<String> = send(browser(path)
		.header("Content-Type", "application/x-www-form-urlencoded")
		.POST(HttpRequest.BodyPublishers.ofString(form))
		.build())

	fun postJson(path: String, json: String): HttpResponse<String> = send(browser(path)
		.header("Content-Type", "application/json")
		.POST(HttpRequest.BodyPublishers.ofString(json))
		.build())

	private fun browser(path: String): HttpRequest.Builder = HttpRequest.newBuilder(URI.create("http://localhost:$port$path"))
		.header("User-Agent", FIREFOX)
		.header("Accept", "text/html,application/json")
		.header("Accept-Language", "de-DE,de;q=0.9,en;q=0.8")
		.header("Referer", "https://www.example.org/blog")

	private fun send(request: HttpRequest): HttpResponse<String> =
		client.send(request, HttpResponse.BodyHandlers.ofString())

	companion object {

		const val FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"

	}

}
