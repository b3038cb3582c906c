package io.github.umamispring.aop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.UmamiVisitor;
import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.testsupport.ResourcelessReactiveTransactionManager;
import io.github.umamispring.testsupport.ResourcelessTransactionManager;
import io.github.umamispring.web.CapturedVisitor;
import io.github.umamispring.web.UmamiReactiveVisitorCapture;
import io.github.umamispring.web.UmamiVisitorCapture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link TrackEventTransactions}: the event of a call that joined a transaction
 * is recorded after the commit, and not at all when the transaction rolls back.
 */
class TrackEventTransactionsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final UmamiVisitor VISITOR = new UmamiVisitor("shop.example.com", "/checkout", null, "en",
			"Mozilla/5.0", "203.0.113.7");

	private final List<UmamiEvent> events = new CopyOnWriteArrayList<>();

	private final UmamiTracker tracker = new UmamiTracker() {

		@Override
		public void track(UmamiEvent event) {
			TrackEventTransactionsTests.this.events.add(event);
		}

		@Override
		public Mono<UmamiResult> send(UmamiEvent event) {
			throw new UnsupportedOperationException("@TrackEvent must use track");
		}

	};

	private final TransactionTemplate transaction = new TransactionTemplate(new ResourcelessTransactionManager());

	private final TransactionalOperator reactiveTransaction = TransactionalOperator
		.create(new ResourcelessReactiveTransactionManager());

	private Sinks.One<CapturedVisitor> reactiveVisitor;

	private final UmamiReactiveVisitorCapture reactiveCapture = (context) -> (this.reactiveVisitor != null)
			? this.reactiveVisitor.asMono() : Mono.empty();

	private final TrackEventInterceptor interceptor = new TrackEventInterceptor(() -> this.tracker,
			UmamiVisitorCapture::none, () -> this.reactiveCapture, null);

	private final Orders orders = proxy(new Orders());

	@Test
	void recordsTheEventOfAJoinedTransactionWhenItCommits() {
		this.transaction.executeWithoutResult((status) -> {
			assertThat(this.orders.place("o-1")).isEqualTo("o-1");
			assertThat(this.events).as("events before the commit").isEmpty();
		});
		assertThat(this.events).singleElement().extracting(UmamiEvent::getData).satisfies((data) -> {
			// evaluated when the method returned, inside the transaction
			assertThat(data).containsEntry("id", "o-1").containsEntry("inTransaction", true);
		});
	}

	@Test
	void recordsNothingWhenTheJoinedTransactionRollsBack() {
		assertThatIllegalStateException().isThrownBy(() -> this.transaction.executeWithoutResult((status) -> {
			this.orders.place("o-1");
			throw new IllegalStateException("payment refused");
		}));
		this.transaction.executeWithoutResult((status) -> {
			this.orders.place("o-2");
			status.setRollbackOnly();
		});
		assertThat(this.events).isEmpty();
		this.orders.place("o-3");
		assertThat(this.events).singleElement().extracting(UmamiEvent::getData).satisfies((data) -> {
			assertThat(data).containsEntry("id", "o-3").containsEntry("inTransaction", false);
		});
	}

	@Test
	void recordsAtOnceInAScopeWithoutActualTransaction() {
		TransactionTemplate supports = new TransactionTemplate(new ResourcelessTransactionManager());
		supports.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
		supports.executeWithoutResult((status) -> {
			this.orders.place("o-1");
			assertThat(this.events).hasSize(1);
		});
	}

	@Test
	void aTrackerThatFailsAfterTheCommitLeavesTheTransactionCommitted() {
		UmamiTracker failing = new UmamiTracker() {

			@Override
			public void track(UmamiEvent event) {
				throw new StackOverflowError();
			}

			@Override
			public Mono<UmamiResult> send(UmamiEvent event) {
				throw new UnsupportedOperationException();
			}

		};
		TrackEventInterceptor failingInterceptor = new TrackEventInterceptor(() -> failing, UmamiVisitorCapture::none,
				UmamiReactiveVisitorCapture::none, null);
		Orders orders = proxy(new Orders(), failingInterceptor);
		String placed = this.transaction.execute((status) -> orders.place("o-1"));
		assertThat(placed).isEqualTo("o-1");
		assertThat(failingInterceptor.getFailedEvaluationCount()).isOne();
	}

	@Test
	void recordsTheEventOfAReactiveTransactionWhenItCommits() {
		Mono<String> placed = this.orders.placeReactively("o-1")
			.doOnNext((id) -> assertThat(this.events).as("events before the commit").isEmpty());
		StepVerifier.create(this.reactiveTransaction.transactional(placed))
			.expectNext("o-1")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.events).singleElement().extracting(UmamiEvent::getName).isEqualTo("order-placed");
	}

	@Test
	void recordsNothingWhenTheReactiveTransactionRollsBack() {
		Mono<String> failed = this.orders.placeReactively("o-1")
			.then(Mono.error(new IllegalStateException("payment refused")));
		StepVerifier.create(this.reactiveTransaction.transactional(failed))
			.expectErrorMessage("payment refused")
			.verify(TIMEOUT);
		assertThat(this.events).isEmpty();
	}

	@Test
	void recordsTheEventOfAReactiveTransactionWhoseVisitorArrivesAfterTheCommit() {
		this.reactiveVisitor = Sinks.one();
		StepVerifier.create(this.reactiveTransaction.transactional(this.orders.placeReactively("o-1")))
			.expectNext("o-1")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.events).isEmpty();
		this.reactiveVisitor.tryEmitValue(CapturedVisitor.of(VISITOR, null));
		assertThat(this.events).singleElement().extracting(UmamiEvent::getIp).isEqualTo("203.0.113.7");
	}

	@Test
	void recordsNothingWhenTheReactiveTransactionRolledBackBeforeTheVisitorArrives() {
		this.reactiveVisitor = Sinks.one();
		Mono<String> failed = this.orders.placeReactively("o-1")
			.then(Mono.error(new IllegalStateException("payment refused")));
		StepVerifier.create(this.reactiveTransaction.transactional(failed))
			.expectErrorMessage("payment refused")
			.verify(TIMEOUT);
		this.reactiveVisitor.tryEmitValue(CapturedVisitor.of(VISITOR, null));
		assertThat(this.events).isEmpty();
	}

	private Orders proxy(Orders target) {
		return proxy(target, this.interceptor);
	}

	private static Orders proxy(Orders target, TrackEventInterceptor interceptor) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new TrackEventAdvisor(interceptor));
		return (Orders) factory.getProxy();
	}

	static class Orders {

		@TrackEvent(name = "order-placed", data = "{id: #p0, inTransaction: "
				+ "T(org.springframework.transaction.support.TransactionSynchronizationManager).isActualTransactionActive()}")
		String place(String id) {
			return id;
		}

		@TrackEvent(name = "order-placed", data = "{id: #result}")
		Mono<String> placeReactively(String id) {
			return Mono.just(id);
		}

	}

}
