package io.github.umamispring.sample.kotlin

import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication
import org.springframework.scheduling.annotation.EnableScheduling

/**
 * A small coffee shop on Spring WebFlux, written in Kotlin with suspend functions and
 * Flows, that records its pageviews, sign-ups and purchases in Umami.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootApplication
@EnableScheduling
class SampleKotlinApplication

fun main(args: Array<String>) {
	runApplication<SampleKotlinApplication>(*args)
}
