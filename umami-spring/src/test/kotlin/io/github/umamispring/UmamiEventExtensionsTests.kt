package io.github.umamispring

import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatIllegalArgumentException
import org.junit.jupiter.api.Test

/**
 * Tests for the Kotlin builders of [UmamiEvent].
 */
class UmamiEventExtensionsTests {

	@Test
	fun umamiEventBuildsWhatTheJavaBuilderBuilds() {
		val event = umamiEvent("signup") {
			url("/signup")
			data("plan", "pro")
			data("seats" to 3, "trial" to null)
		}
		assertThat(event).isEqualTo(UmamiEvent.event("signup")
			.url("/signup")
			.data("plan", "pro")
			.data("seats", 3)
			.data("trial", null)
			.build())
		assertThat(event.kind).isEqualTo(UmamiEvent.Kind.EVENT)
		assertThat(event.data).containsExactly(entry("plan", "pro"), entry("seats", 3), entry("trial", null))
	}

	@Test
	fun umamiEventWithoutBlockHasOnlyItsName() {
		assertThat(umamiEvent("signup")).isEqualTo(UmamiEvent.event("signup").build())
	}

	@Test
	fun umamiPageviewBuildsAPageview() {
		val pageview = umamiPageview("/pricing") { title("Pricing") }
		assertThat(pageview.kind).isEqualTo(UmamiEvent.Kind.PAGEVIEW)
		assertThat(pageview.url).isEqualTo("/pricing")
		assertThat(pageview.title).isEqualTo("Pricing")
	}

	@Test
	fun umamiEventRefusesANameOverUmamisLimit() {
		assertThatIllegalArgumentException().isThrownBy { umamiEvent("x".repeat(51)) }
			.withMessageContaining("50")
	}

	private fun entry(key: String, value: Any?) = org.assertj.core.api.Assertions.entry(key, value)

}
