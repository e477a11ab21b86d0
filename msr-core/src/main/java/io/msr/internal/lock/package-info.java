/**
 * Who may migrate now: the lock contract ({@code MigrationLock}, {@code LockLease}), {@code LockWatch}, which stops
 * a run whose lock is lost, and {@code DeadClientDetection}, the timings derived from
 * {@code msr.postgres.dead-client-timeout} (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.lock;

import org.jspecify.annotations.NullMarked;
