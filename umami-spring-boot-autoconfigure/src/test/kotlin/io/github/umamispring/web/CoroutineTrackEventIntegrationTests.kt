package io.github.umamispring.web

import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.boot.SpringBootConfiguration
import org.springframework.boot.WebApplicationType
import org.springframework.boot.autoconfigure.EnableAutoConfiguration
import org.springframework.boot.builder.SpringApplicationBuilder
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory
import org.springframework.boot.test.system.CapturedOutput
import org.springframework.context.ConfigurableApplicationContext
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Import

// The classes of this file are private (package-private in the bytecode, like the Java
// tests) because they extend the package-private AbstractWebIntegrationTests.

/**
 * Starts a real application with [SuspendingController], calls it over HTTP as a browser
 * behind a proxy would, and asserts what reaches the Umami stand-in.
 */
private abstract class AbstractCoroutineTrackEventIntegrationTests : AbstractWebIntegrationTests() {

	/**
	 * Call the marker endpoint and assert that its event is the next one Umami receives,
	 * proving that the calls before it recorded nothing more.
	 */
	fun assertNextEventIsMarker() {
		assertThat(get("/suspend/marker").statusCode()).isEqualTo(200)
		assertThat(takeEvent().payload()).containsEntry("name", "suspend-marker")
	}

	@Test
	fun recordsSuspendFunctionWhenItCompletesAsTheVisitor() {
		startBehindProxy()
		val response = get("/suspend/orders/42?ref=mail")
		assertThat(response.statusCode()).isEqualTo(200)
		assertThat(response.body()).contains("\"plan\":\"team\"")
		assertPayload(takeEvent(), visitorPayload("/suspend/orders/42?ref=mail", VISITOR_IP,
				"\"name\":\"suspend-order-viewed\",\"data\":{\"id\":\"42\",\"plan\":\"team\",\"args\":1}"))
		assertNextEventIsMarker()
	}

	@Test
	fun doesNotRecordSuspendFunctionThatThrowsAfterSuspending() {
		startBehindProxy()
		assertThat(get("/suspend/fails").statusCode()).isEqualTo(409)
		assertNextEventIsMarker()
	}

	@Test
	fun doesNotRecordCancelledSuspendFunction() {
		startBehindProxy()
		assertThat(get("/suspend/impatient").body()).isEqualTo("gave up")
		assertNextEventIsMarker()
	}

	@Test
	fun recordsFlowOnceWhenItCompletes() {
		startBehindProxy()
		assertThat(get("/flow/items?category=books").body()).contains("a", "b", "c")
		assertPayload(takeEvent(), visitorPayload("/flow/items?category=books", VISITOR_IP,
				"\"name\":\"flow-items-listed\",\"data\":{\"category\":\"books\"}"))
		assertNextEventIsMarker()
	}

	@Test
	fun recordsSuspendFunctionReturningFlowOnceWhenItCompletes() {
		startBehindProxy()
		assertThat(get("/suspend/flow/items?category=music").body()).contains("a", "b", "c")
		assertPayload(takeEvent(), visitorPayload("/suspend/flow/items?category=music", VISITOR_IP,
				"\"name\":\"suspend-flow-items-listed\",\"data\":{\"category\":\"music\"}"))
		assertNextEventIsMarker()
	}

	@Test
	fun doesNotRecordSuspendFunctionReturningFlowThatFails() {
		startBehindProxy()
		// the stream fails after its first element: the connection may be cut mid-body
		getIgnoringBrokenResponse("/suspend/flow/fails")
		assertNextEventIsMarker()
	}

	@Test
	fun recordsSuspendFunctionReturningUnitWithNullResult() {
		startBehindProxy()
		assertThat(get("/suspend/ping").statusCode()).isEqualTo(200)
		assertPayload(takeEvent(), visitorPayload("/suspend/ping", VISITOR_IP,
				"\"name\":\"suspend-pinged\",\"data\":{\"unit\":true}"))
		assertNextEventIsMarker()
	}

}

/**
 * `@TrackEvent` on Kotlin suspend functions and Flows in a Spring MVC application on
 * Tomcat.
 */
private class CoroutineTrackEventServletIntegrationTests : AbstractCoroutineTrackEventIntegrationTests() {

	override fun run(vararg properties: String): ConfigurableApplicationContext =
		SpringApplicationBuilder(ServletApplication::class.java).web(WebApplicationType.SERVLET)
			.properties(*properties)
			.run()

	@Test
	fun recordsSuspendFunctionCalledAfterTheHandlerSuspendedWithoutTheVisitor() {
		startBehindProxy()
		assertThat(get("/suspend/nested").body()).isEqualTo("quick")
		// the coroutine resumed on another thread, where no servlet request is bound
		assertThat(takeEvent().payload()).containsEntry("name", "quick-search")
			.doesNotContainKey("url")
			.doesNotContainKey("ip")
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SuspendingController::class, Searches::class)
	class ServletApplication

}

/**
 * `@TrackEvent` on Kotlin suspend functions and Flows in a WebFlux application on Netty.
 */
private class CoroutineTrackEventReactiveIntegrationTests : AbstractCoroutineTrackEventIntegrationTests() {

	override fun run(vararg properties: String): ConfigurableApplicationContext =
		SpringApplicationBuilder(ReactiveApplication::class.java).web(WebApplicationType.REACTIVE)
			.properties(*properties)
			.run()

	@Test
	fun recordsSuspendFunctionCalledAfterTheHandlerSuspendedAsTheVisitor() {
		startBehindProxy()
		assertThat(get("/suspend/nested").body()).isEqualTo("quick")
		assertPayload(takeEvent(), visitorPayload("/suspend/nested", VISITOR_IP,
				"\"name\":\"quick-search\",\"data\":{\"found\":\"quick\"}"))
	}

	@Test
	fun saysNothingAtStartupAboutSuspendFunctionsAndFlows(output: CapturedOutput) {
		startBehindProxy()
		assertThat(output.out).doesNotContain("records its events without the visitor")
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SuspendingController::class, Searches::class)
	class ReactiveApplication {

		@Bean
		fun nettyReactiveWebServerFactory() = NettyReactiveWebServerFactory()

	}

}
