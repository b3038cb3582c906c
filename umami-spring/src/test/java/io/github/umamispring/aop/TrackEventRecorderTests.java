package io.github.umamispring.aop;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.umamispring.UmamiAdjustment;
import io.github.umamispring.UmamiEvent;
import io.github.umamispring.UmamiResult;
import io.github.umamispring.UmamiTracker;
import io.github.umamispring.UmamiVisitor;
import io.github.umamispring.annotation.TrackEvent;
import io.github.umamispring.testsupport.CapturedOutput;
import io.github.umamispring.testsupport.OutputCaptureExtension;
import io.github.umamispring.web.CapturedVisitor;
import io.github.umamispring.web.UmamiReactiveVisitorCapture;
import io.github.umamispring.web.UmamiVisitorCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TrackEventRecorder}: nothing but the method's own outcome reaches the
 * caller, and data is never sent as a value's {@code toString()}.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrackEventRecorderTests {

	private final List<UmamiEvent> events = new CopyOnWriteArrayList<>();

	private volatile Throwable trackerFailure;

	private final UmamiTracker tracker = new UmamiTracker() {

		@Override
		public void track(UmamiEvent event) {
			Throwable failure = TrackEventRecorderTests.this.trackerFailure;
			if (failure instanceof Error error) {
				throw error;
			}
			TrackEventRecorderTests.this.events.add(event);
		}

		@Override
		public Mono<UmamiResult> send(UmamiEvent event) {
			throw new UnsupportedOperationException("@TrackEvent must use track");
		}

	};

	private UmamiVisitorCapture capture = () -> null;

	private final TrackEventInterceptor interceptor = new TrackEventInterceptor(() -> this.tracker, () -> this.capture,
			UmamiReactiveVisitorCapture::none, null);

	private final Customers customers = proxy(new Customers());

	private final Checkouts checkouts = proxy(new Checkouts());

	@Test
	void leavesAnEntityOutOfTheDataAndNamesItsKeyAndTypeOnceAtWarn(CapturedOutput output) {
		for (int i = 0; i < 3; i++) {
			assertThat(this.customers.signUp("bob@example.com").email).isEqualTo("bob@example.com");
		}
		assertThat(this.events).hasSize(3).allSatisfy((event) -> {
			assertThat(event.getData()).containsOnlyKeys("plan");
			assertThat(event.getAdjustments()).hasSize(1);
		});
		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN "))).singleElement()
			.asString()
			.contains("@TrackEvent on ", "TrackEventRecorderTests$Customers.signUp(java.lang.String)",
					"'customer' left out: " + Customer.class.getName(), "such as {plan: #result.plan}");
		assertThat(output).doesNotContain("bob@example.com");
	}

	@Test
	void aResultWhoseToStringRecursesLeavesTheAnswerUntouched(CapturedOutput output) {
		Customer customer = this.customers.label("bob@example.com");
		assertThat(customer.email).isEqualTo("bob@example.com");
		assertThat(this.events).isEmpty();
		assertThat(this.interceptor.getFailedEvaluationCount()).isOne();
		// SpEL reports the StackOverflowError of the getter as an evaluation failure
		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN "))).singleElement()
			.asString()
			.contains("TrackEventRecorderTests$Customers.label(java.lang.String)", "could not be evaluated")
			.doesNotContain("bob@example.com");
	}

	@Test
	void anErrorThrownWhileTheEventIsBuiltCostsOnlyTheEvent(CapturedOutput output) {
		this.capture = () -> CapturedVisitor
			.of(new UmamiVisitor("shop.example.com", "/", null, null, "Mozilla/5.0", "203.0.113.7"), null);
		this.trackerFailure = new StackOverflowError();
		assertThat(this.customers.signUp("bob@example.com").email).isEqualTo("bob@example.com");
		assertThat(this.interceptor.getFailedEvaluationCount()).isOne();
		assertThat(output.getOut().lines().filter((line) -> line.contains("could not record its event")))
			.singleElement()
			.asString()
			.contains(" WARN ", "TrackEventRecorderTests$Customers.signUp(java.lang.String)",
					"failed with java.lang.StackOverflowError");
	}

	@Test
	void aTrackerThatThrowsAnErrorCostsOnlyTheEvent() {
		this.trackerFailure = new LinkageError("broken tracker");
		assertThat(this.customers.signUp("bob@example.com").email).isEqualTo("bob@example.com");
		assertThat(this.interceptor.getFailedEvaluationCount()).isOne();
	}

	@Test
	void outOfMemoryErrorIsNotCaught() {
		this.trackerFailure = new OutOfMemoryError("test");
		assertThatExceptionOfType(OutOfMemoryError.class).isThrownBy(() -> this.customers.signUp("bob@example.com"));
	}

	@Test
	void aCaptureThatThrowsAnErrorRecordsTheEventWithoutVisitor(CapturedOutput output) {
		this.capture = () -> {
			throw new StackOverflowError();
		};
		assertThat(this.customers.signUp("bob@example.com").email).isEqualTo("bob@example.com");
		assertThat(this.events).singleElement().extracting(UmamiEvent::getIp).isNull();
		assertThat(output).contains("Could not capture the visitor of a request; recording the event without it");
	}

	@Test
	void dataThatFailsToEvaluateIsCountedNotThrown() {
		assertThat(this.customers.broken()).isEqualTo("intact");
		assertThat(this.events).isEmpty();
		assertThat(this.interceptor.getFailedEvaluationCount()).isOne();
	}

	@Test
	void recordsTheTagAndRevenueTheCallGives() {
		this.checkouts.checkout("variant-b", new BigDecimal("19.99"), "eur");
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getTag()).isEqualTo("variant-b");
			assertThat(event.getData()).containsExactly(Map.entry("revenue", new BigDecimal("19.99")),
					Map.entry("currency", "EUR"), Map.entry("plan", "pro"));
			assertThat(event.getAdjustments()).isEmpty();
		});
	}

	@Test
	void recordsTheEventWithoutATagOrRevenueUmamiWouldRefuse() {
		this.checkouts.checkout("=" + "b".repeat(60), "-5", "EUR");
		this.checkouts.checkout("b", 5, "EURO");
		assertThat(this.events).hasSize(2).allSatisfy((event) -> {
			assertThat(event.getName()).isEqualTo("checkout");
			assertThat(event.getData()).containsExactly(Map.entry("plan", "pro"));
		});
		assertThat(this.events.get(0).getTag()).isNull();
		assertThat(this.events.get(0).getAdjustments()).extracting(UmamiAdjustment::field)
			.containsExactly("tag", "revenue");
		assertThat(this.events.get(1).getAdjustments()).extracting(UmamiAdjustment::field).containsExactly("currency");
		assertThat(this.interceptor.getFailedEvaluationCount()).isZero();
	}

	@Test
	void evaluatesNoCurrencyWhenTheRevenueIsNull() {
		assertThat(this.checkouts.free()).isNull();
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getData()).isEmpty();
			assertThat(event.getAdjustments()).isEmpty();
		});
		assertThat(this.interceptor.getFailedEvaluationCount()).isZero();
	}

	@Test
	void revenueThatFailsToEvaluateIsCountedNotThrown(CapturedOutput output) {
		assertThat(this.checkouts.broken()).isEqualTo("intact");
		assertThat(this.events).isEmpty();
		assertThat(this.interceptor.getFailedEvaluationCount()).isOne();
		assertThat(output).contains("@TrackEvent expression '#result.total' on", "could not be evaluated");
	}

	private <T> T proxy(T target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new TrackEventAdvisor(this.interceptor));
		@SuppressWarnings("unchecked")
		T proxy = (T) factory.getProxy();
		return proxy;
	}

	static class Checkouts {

		@TrackEvent(name = "checkout", data = "{plan: 'pro'}", tag = "#variant", revenue = "#result.total",
				currency = "#result.currency")
		Receipt checkout(String variant, Object total, Object currency) {
			return new Receipt(total, currency);
		}

		@TrackEvent(name = "free", revenue = "#result?.total", currency = "#result.currency")
		Receipt free() {
			return null;
		}

		@TrackEvent(name = "broken", revenue = "#result.total", currency = "'EUR'")
		String broken() {
			return "intact";
		}

	}

	record Receipt(Object total, Object currency) {

	}

	static class Customers {

		@TrackEvent(name = "signup", data = "{customer: #result, plan: 'pro'}")
		Customer signUp(String email) {
			return new Customer(email);
		}

		@TrackEvent(name = "labelled", data = "{label: #result.label}")
		Customer label(String email) {
			return new Customer(email);
		}

		@TrackEvent(name = "broken", data = "{size: #result.size()}")
		String broken() {
			return "intact";
		}

	}

	/**
	 * A bidirectional entity as generated code writes it: its {@code toString()} recurses
	 * through its account, whose {@code toString()} prints the customer.
	 */
	static final class Customer {

		final String email;

		final Account account = new Account(this);

		Customer(String email) {
			this.email = email;
		}

		public String getLabel() {
			return "customer " + this;
		}

		@Override
		public String toString() {
			return "Customer[email=" + this.email + ", account=" + this.account + "]";
		}

	}

	static final class Account {

		final Customer customer;

		Account(Customer customer) {
			this.customer = customer;
		}

		@Override
		public String toString() {
			return "Account[customer=" + this.customer + "]";
		}

	}

}
