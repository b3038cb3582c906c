package io.github.umamispring.web;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.umamispring.annotation.TrackEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Annotated controller served by both the servlet and the reactive test applications.
 */
@RestController
class TrackedController {

	@GetMapping("/orders/{id}")
	@TrackEvent(name = "order-viewed", data = "{id: #p0, coupon: #coupon, plan: #result.plan}")
	Order order(@PathVariable String id, @RequestParam String coupon) {
		return new Order(id, "pro", 42);
	}

	@GetMapping("/mono/orders/{id}")
	@TrackEvent(name = "mono-order-viewed", data = "{id: #a0, plan: #result.plan, amount: #result.amount}")
	Mono<Order> monoOrder(@PathVariable String id) {
		return Mono.fromSupplier(() -> new Order(id, "team", 7)).publishOn(Schedulers.parallel());
	}

	@GetMapping("/flux/items")
	@TrackEvent(name = "items-listed", data = "{category: #category}")
	Flux<String> items(@RequestParam String category) {
		return Flux.just("a", "b", "c").delayElements(Duration.ofMillis(5));
	}

	@GetMapping("/stage/report")
	@TrackEvent(name = "report-ready", data = "{report: #result}")
	CompletionStage<String> report() {
		return CompletableFuture.supplyAsync(() -> "weekly");
	}

	@GetMapping("/fails")
	@TrackEvent("never-fails")
	String fails() {
		throw new ResponseStatusException(HttpStatus.CONFLICT, "Conflict on purpose");
	}

	@GetMapping("/mono/fails")
	@TrackEvent("never-mono-fails")
	Mono<String> monoFails() {
		return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "Conflict on purpose"));
	}

	@GetMapping("/flux/fails")
	@TrackEvent("never-flux-fails")
	Flux<String> fluxFails() {
		return Flux.just("a", "b").concatWith(Flux.error(new IllegalStateException("Failure on purpose")));
	}

	@GetMapping("/conditional")
	@TrackEvent(name = "conditional", condition = "#track")
	String conditional(@RequestParam boolean track) {
		return "tracked: " + track;
	}

	@GetMapping("/broken")
	@TrackEvent(name = "broken", data = "{plan: #result.noSuchProperty}")
	Order broken() {
		return new Order("9", "pro", 9);
	}

	@GetMapping("/internal/ping")
	@TrackEvent("internal-ping")
	Mono<String> internalPing() {
		return Mono.just("pong");
	}

	@GetMapping("/shop/{item}")
	@TrackEvent(name = "view", data = "{item: #item}")
	Mono<String> shop(@PathVariable String item) {
		return Mono.just("item");
	}

	@GetMapping("/shop/{item}/specs")
	@TrackEvent(name = "specs", data = "#result")
	Mono<Map<String, Object>> specs(@PathVariable String item, @RequestParam int properties) {
		Map<String, Object> specs = new LinkedHashMap<>();
		specs.put("price", new BigInteger("100000000000000000000"));
		for (int i = 1; i < properties; i++) {
			specs.put("p" + i, item);
		}
		return Mono.just(specs);
	}

	@GetMapping("/marker")
	@TrackEvent("marker")
	String marker() {
		return "marker";
	}

	record Order(String id, String plan, int amount) {

	}

}
