package io.github.umamispring.test.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.test.RecordingUmamiTracker;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static io.github.umamispring.test.UmamiAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link AutoConfigureUmamiTracker} in a full Spring Boot
 * application whose real tracker would send to Umami.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootTest(properties = { "umami.host-url=http://localhost:3000",
		"umami.website-id=51499dbe-116f-42b4-9a2e-dfcfc230677f" })
@AutoConfigureUmamiTracker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureUmamiTrackerIntegrationTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private RecordingUmamiTracker tracker;

	@Autowired
	private SignupService signupService;

	@Test
	@Order(1)
	void replacesTrackerWithRecordingTracker() {
		assertThat(this.context.getBeansOfType(UmamiTracker.class)).containsOnlyKeys("recordingUmamiTracker");
		assertThat(this.signupService.tracker).isSameAs(this.tracker);
	}

	@Test
	@Order(2)
	void recordsEventsTrackedByApplicationBean() {
		this.signupService.signup("ada", "pro");
		assertThat(this.tracker).hasTracked("signup").withData("plan", "pro").withData("user", "ada").times(1);
		assertThat(this.tracker).hasNotTracked("purchase").hasTrackedExactly(1);
	}

	@Test
	@Order(3)
	void eventsOfEarlierTestAreCleared() {
		assertThat(this.tracker).hasTrackedNothing();
	}

	@Test
	@Order(4)
	void failureMessageListsEventsTrackedByApplicationBean() {
		this.signupService.signup("ada", "free");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.tracker).hasTracked("signup").withData("plan", "pro"))
			.withMessage(String.format("Expected an Umami event named \"signup\" with data plan=\"pro\" to be tracked,"
					+ " but none matched; 1 event was recorded:%n  event \"signup\" data={user=ada, plan=free}"));
	}

	@Test
	@Order(5)
	void awaitsEventTrackedAsynchronously() {
		this.signupService.purchaseInBackground(49);
		UmamiEvent purchase = this.tracker.awaitEvent("purchase", Duration.ofSeconds(10));
		assertThat(purchase.getData()).containsEntry("amount", 49);
	}

	@Test
	@Order(6)
	void assertionsWorkWithAwaitility() {
		this.signupService.purchaseInBackground(99);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.tracker).hasTracked("purchase").withData("amount", 99));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(SignupService.class)
	static class TestApplication {

	}

	static class SignupService {

		final UmamiTracker tracker;

		SignupService(UmamiTracker tracker) {
			this.tracker = tracker;
		}

		void signup(String user, String plan) {
			this.tracker.track(UmamiEvent.event("signup").data("user", user).data("plan", plan).build());
		}

		void purchaseInBackground(int amount) {
			CompletableFuture
				.runAsync(() -> this.tracker.send(UmamiEvent.event("purchase").data("amount", amount).build())
					.subscribeOn(Schedulers.boundedElastic())
					.subscribe());
		}

	}

}
