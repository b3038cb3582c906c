package io.github.umamispring.testsupport;

import reactor.core.publisher.Mono;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.AbstractReactiveTransactionManager;
import org.springframework.transaction.reactive.GenericReactiveTransaction;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * A reactive transaction manager without a resource: Spring's reactive transaction
 * handling and synchronization as they are, with nothing to commit or roll back. Joins a
 * transaction already running in the Reactor context.
 */
public class ResourcelessReactiveTransactionManager extends AbstractReactiveTransactionManager {

	@Override
	protected Object doGetTransaction(TransactionSynchronizationManager synchronizationManager) {
		return new Transaction(synchronizationManager.hasResource(this));
	}

	@Override
	protected boolean isExistingTransaction(Object transaction) {
		return ((Transaction) transaction).existing();
	}

	@Override
	protected Mono<Void> doBegin(TransactionSynchronizationManager synchronizationManager, Object transaction,
			TransactionDefinition definition) {
		return Mono.fromRunnable(() -> synchronizationManager.bindResource(this, Boolean.TRUE));
	}

	@Override
	protected Mono<Void> doCommit(TransactionSynchronizationManager synchronizationManager,
			GenericReactiveTransaction status) {
		return Mono.empty();
	}

	@Override
	protected Mono<Void> doRollback(TransactionSynchronizationManager synchronizationManager,
			GenericReactiveTransaction status) {
		return Mono.empty();
	}

	@Override
	protected Mono<Void> doSetRollbackOnly(TransactionSynchronizationManager synchronizationManager,
			GenericReactiveTransaction status) {
		return Mono.empty();
	}

	@Override
	protected Mono<Void> doCleanupAfterCompletion(TransactionSynchronizationManager synchronizationManager,
			Object transaction) {
		return Mono.fromRunnable(() -> synchronizationManager.unbindResource(this));
	}

	private record Transaction(boolean existing) {

	}

}
