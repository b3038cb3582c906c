package io.github.umamispring.sample.webmvc;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A background job with no HTTP request: it sends its event through the injected
 * {@link UmamiTracker}, and the event carries the configured hostname and User-Agent.
 *
 * @author umami-spring-boot contributors
 */
@Component
class DailyReportJob {

	private final UmamiTracker tracker;

	private final Catalog catalog;

	DailyReportJob(UmamiTracker tracker, Catalog catalog) {
		this.tracker = tracker;
		this.catalog = catalog;
	}

	@Scheduled(initialDelayString = "${sample.report.initial-delay:PT30S}",
			fixedDelayString = "${sample.report.interval:PT10M}")
	void report() {
		this.tracker.track(UmamiEvent.event("daily-report")
			.url("/jobs/daily-report")
			.data("products", this.catalog.products().size())
			.build());
	}

}
