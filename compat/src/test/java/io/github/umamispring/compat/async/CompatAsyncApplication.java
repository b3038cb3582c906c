package io.github.umamispring.compat.async;

import java.util.concurrent.CompletableFuture;

import io.github.umamispring.annotation.TrackEvent;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application whose requests hand work to an {@code @Async} method tracked
 * with {@code @TrackEvent}, optionally with a {@link TaskDecorator} of its own, as a user
 * of this Boot line writes it.
 *
 * @author umami-spring-boot contributors
 */
@SpringBootApplication
@EnableAsync
public class CompatAsyncApplication {

	/**
	 * What the application's own task decorator hands to its tasks.
	 */
	static final ThreadLocal<String> tenant = new ThreadLocal<>();

	@Bean
	@ConditionalOnBooleanProperty("compat.tenant-decorator")
	TaskDecorator tenantTaskDecorator() {
		return (runnable) -> () -> {
			tenant.set("acme");
			try {
				runnable.run();
			}
			finally {
				tenant.remove();
			}
		};
	}

	@Service
	public static class Confirmations {

		@Async
		@TrackEvent(name = "order-confirmed",
				data = "{id: #p0, tenant: T(io.github.umamispring.compat.async.CompatAsyncApplication).tenant()}")
		public CompletableFuture<String> confirm(String id) {
			return CompletableFuture.completedFuture(id);
		}

	}

	public static String tenant() {
		return tenant.get();
	}

	@RestController
	public static class OrderController {

		private final Confirmations confirmations;

		OrderController(Confirmations confirmations) {
			this.confirmations = confirmations;
		}

		@GetMapping("/orders/{id}/confirm")
		public String confirm(@PathVariable String id) {
			return this.confirmations.confirm(id).join();
		}

	}

}
