/**
 * Orchestrates an operation: {@code OperationTemplate} is the one skeleton (record, resolve, session, lock,
 * history, step, failure to result), and each operation is a step ({@code MigrateStep}, {@code DownStep},
 * {@code RepairStep}, ...) plus {@code FailureRecovery} for the rollback strategies; it also runs an operation over
 * many schemas, and {@code Engine} implements {@link io.msr.Msr}. The top of the engine: no package uses it, and
 * docs/architecture.md lists the parts it may use.
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.operation;

import org.jspecify.annotations.NullMarked;
