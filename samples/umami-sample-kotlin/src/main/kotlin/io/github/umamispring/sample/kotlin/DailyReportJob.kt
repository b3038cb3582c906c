package io.github.umamispring.sample.kotlin

import io.github.umamispring.UmamiResult
import io.github.umamispring.UmamiTracker
import io.github.umamispring.data
import io.github.umamispring.sendAndAwait
import io.github.umamispring.umamiEvent
import org.apache.commons.logging.LogFactory
import org.springframework.scheduling.annotation.Scheduled
import org.springframework.stereotype.Component

/**
 * A background job with no HTTP request: a suspend function that sends its event with
 * [sendAndAwait] and reads Umami's verdict.
 *
 * @author umami-spring-boot contributors
 */
@Component
class DailyReportJob(private val tracker: UmamiTracker, private val catalog: Catalog) {

	private val logger = LogFactory.getLog(DailyReportJob::class.java)

	@Scheduled(initialDelayString = "\${sample.report.initial-delay:PT30S}",
		fixedDelayString = "\${sample.report.interval:PT10M}")
	suspend fun scheduledReport() {
		report()
	}

	suspend fun report(): UmamiResult {
		val event = umamiEvent("daily-report") {
			url("/jobs/daily-report")
			data("products" to catalog.products.size)
		}
		return tracker.sendAndAwait(event).also { logger.info("Daily report sent to Umami: $it") }
	}

}
