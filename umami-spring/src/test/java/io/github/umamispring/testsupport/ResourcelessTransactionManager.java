package io.github.umamispring.testsupport;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A transaction manager without a resource: Spring's transaction handling and
 * synchronization as they are, with nothing to commit or roll back. Joins a transaction
 * already running on the thread.
 */
public class ResourcelessTransactionManager extends AbstractPlatformTransactionManager {

	@Override
	protected Object doGetTransaction() {
		return new Transaction(TransactionSynchronizationManager.hasResource(this));
	}

	@Override
	protected boolean isExistingTransaction(Object transaction) {
		return ((Transaction) transaction).existing();
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
	}

	@Override
	protected void doSetRollbackOnly(DefaultTransactionStatus status) {
	}

	@Override
	protected void doCleanupAfterCompletion(Object transaction) {
		TransactionSynchronizationManager.unbindResource(this);
	}

	private record Transaction(boolean existing) {

	}

}
