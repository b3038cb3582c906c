package io.github.umamispring.aop;

import io.github.umamispring.UmamiEvent;
import io.github.umamispring.aop.TrackEventOperationSource.TrackEventOperation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.transaction.reactive.TransactionContext;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Holds back the event of a call made inside a transaction until the transaction commits,
 * and drops it when the transaction rolls back, as {@code @TransactionalEventListener}
 * does: a transaction of the Reactor context ({@code TransactionalOperator},
 * {@code @Transactional} on a reactive method), else the transaction bound to the calling
 * thread. Only used when {@code spring-tx} is on the class path: only loaded then.
 *
 * @author umami-spring-boot contributors
 */
final class TrackEventTransactions {

	private TrackEventTransactions() {
	}

	/**
	 * Return the event of a call that succeeded now, to be handed over when the current
	 * transaction commits. Must be called before the transaction completes: on the
	 * calling thread when the method returns, or when its publisher succeeds.
	 * @param context the Reactor context of the call, or {@code null} for a call that
	 * returned a plain value
	 * @param recorder the recorder that hands the event over after the commit
	 * @param operation the operation
	 * @return the event waiting for the commit, or {@code null} outside a transaction
	 */
	static @Nullable PendingEvent pendingEvent(@Nullable ContextView context, TrackEventRecorder recorder,
			TrackEventOperation operation) {
		if (context != null && context.hasKey(TransactionContext.class)) {
			org.springframework.transaction.reactive.TransactionSynchronizationManager manager = new org.springframework.transaction.reactive.TransactionSynchronizationManager(
					context.get(TransactionContext.class));
			if (manager.isSynchronizationActive() && manager.isActualTransactionActive()) {
				PendingEvent pending = new PendingEvent(recorder, operation);
				manager.registerSynchronization(new ReactiveSynchronization(pending));
				return pending;
			}
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive()) {
			PendingEvent pending = new PendingEvent(recorder, operation);
			TransactionSynchronizationManager.registerSynchronization(new PlatformSynchronization(pending));
			return pending;
		}
		return null;
	}

	/**
	 * The event of a call made inside a transaction: it may be built before or after the
	 * commit (a visitor captured from a reactive request can arrive later), and is handed
	 * over once both happened.
	 */
	static final class PendingEvent {

		private final TrackEventRecorder recorder;

		private final TrackEventOperation operation;

		private @Nullable UmamiEvent event;

		private boolean committed;

		private boolean completed;

		PendingEvent(TrackEventRecorder recorder, TrackEventOperation operation) {
			this.recorder = recorder;
			this.operation = operation;
		}

		/**
		 * Hand the event over when the transaction committed, at once if it did.
		 * @param event the event
		 */
		void offer(UmamiEvent event) {
			synchronized (this) {
				if (!this.committed) {
					this.event = (this.completed) ? null : event;
					return;
				}
			}
			this.recorder.track(this.operation, event);
		}

		void committed() {
			UmamiEvent ready;
			synchronized (this) {
				this.committed = true;
				ready = this.event;
				this.event = null;
			}
			if (ready != null) {
				this.recorder.track(this.operation, ready);
			}
		}

		synchronized void completed(boolean committed) {
			this.completed = true;
			if (!committed) {
				this.event = null;
			}
		}

	}

	private static final class PlatformSynchronization implements TransactionSynchronization {

		private final PendingEvent pending;

		PlatformSynchronization(PendingEvent pending) {
			this.pending = pending;
		}

		@Override
		public void afterCommit() {
			this.pending.committed();
		}

		@Override
		public void afterCompletion(int status) {
			this.pending.completed(status == STATUS_COMMITTED);
		}

	}

	private static final class ReactiveSynchronization
			implements org.springframework.transaction.reactive.TransactionSynchronization {

		private final PendingEvent pending;

		ReactiveSynchronization(PendingEvent pending) {
			this.pending = pending;
		}

		@Override
		public Mono<Void> afterCommit() {
			return Mono.fromRunnable(this.pending::committed);
		}

		@Override
		public Mono<Void> afterCompletion(int status) {
			return Mono.fromRunnable(() -> this.pending.completed(status == STATUS_COMMITTED));
		}

	}

}
