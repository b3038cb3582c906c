package io.github.umamispring.sample.webflux;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A background job with no HTTP request. It uses {@link UmamiTracker#track} and reads
 * Umami's verdict, the way reactive code that wants the answer does.
 *
 * @author umami-spring-boot contributors
 */
@Component
class DailyReportJob {

	private static final Log logger = LogFactory.getLog(DailyReportJob.class);

	private final UmamiTracker tracker;

	private final Catalog catalog;

	DailyReportJob(UmamiTracker tracker, Catalog catalog) {
		this.tracker = tracker;
		this.catalog = catalog;
	}

	@Scheduled(initialDelayString = "${sample.report.initial-delay:PT30S}",
			fixedDelayString = "${sample.report.interval:PT10M}")
	void scheduledReport() {
		report().subscribe();
	}

	Mono<UmamiResult> report() {
		UmamiEvent event = UmamiEvent.event("daily-report")
			.url("/jobs/daily-report")
			.data("products", this.catalog.products().size())
			.build();
		return this.tracker.send(event).doOnNext((result) -> logger.info("Daily report sent to Umami: " + result));
	}

}
