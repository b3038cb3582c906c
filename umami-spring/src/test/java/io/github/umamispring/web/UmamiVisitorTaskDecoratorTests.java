package io.github.umamispring.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.umamispring.UmamiVisitor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UmamiVisitorTaskDecorator}.
 */
class UmamiVisitorTaskDecoratorTests {

	private static final CapturedVisitor VISITOR = CapturedVisitor
		.of(new UmamiVisitor("shop.example.com", "/cart", null, "en", "Mozilla/5.0", "203.0.113.7"), null);

	private @Nullable CapturedVisitor requestVisitor;

	private final UmamiVisitorTaskDecorator decorator = new UmamiVisitorTaskDecorator(() -> this.requestVisitor);

	@Test
	void handsTheVisitorOfTheSubmittingThreadToTheTaskUntilItEnds() {
		this.requestVisitor = VISITOR;
		AtomicReference<CapturedVisitor> seen = new AtomicReference<>();
		Runnable task = this.decorator.decorate(() -> seen.set(UmamiVisitorTaskDecorator.getHandedOverVisitor()));
		this.requestVisitor = null;
		CompletableFuture.runAsync(task).join();
		assertThat(seen).hasValue(VISITOR);
		task.run();
		assertThat(UmamiVisitorTaskDecorator.getHandedOverVisitor()).isNull();
	}

	@Test
	void returnsATaskSubmittedOutsideARequestAsItIs() {
		Runnable task = () -> {
		};
		assertThat(this.decorator.decorate(task)).isSameAs(task);
	}

	@Test
	void handsTheSameVisitorToATaskSubmittedByATask() {
		this.requestVisitor = VISITOR;
		AtomicReference<CapturedVisitor> seen = new AtomicReference<>();
		Runnable outer = this.decorator.decorate(() -> {
			Runnable inner = this.decorator.decorate(() -> seen.set(UmamiVisitorTaskDecorator.getHandedOverVisitor()));
			CompletableFuture.runAsync(inner).join();
		});
		this.requestVisitor = null;
		CompletableFuture.runAsync(outer).join();
		assertThat(seen).hasValue(VISITOR);
	}

	@Test
	void restoresTheVisitorOfAnOuterTaskRunOnTheSameThread() {
		CapturedVisitor other = CapturedVisitor.notTracked("Sec-GPC: 1");
		this.requestVisitor = VISITOR;
		AtomicReference<CapturedVisitor> afterInner = new AtomicReference<>();
		Runnable outer = this.decorator.decorate(() -> {
			this.requestVisitor = other;
			this.decorator.decorate(() -> {
			}).run();
			afterInner.set(UmamiVisitorTaskDecorator.getHandedOverVisitor());
		});
		outer.run();
		assertThat(afterInner).hasValue(VISITOR);
	}

	@Test
	void submitsTheTaskWhenTheCaptureFails() {
		UmamiVisitorTaskDecorator failing = new UmamiVisitorTaskDecorator(() -> {
			throw new IllegalStateException("request recycled");
		});
		UmamiVisitorTaskDecorator overflowing = new UmamiVisitorTaskDecorator(() -> {
			throw new StackOverflowError();
		});
		Runnable task = () -> {
		};
		assertThat(failing.decorate(task)).isSameAs(task);
		assertThat(overflowing.decorate(task)).isSameAs(task);
	}

}
