/**
 * Who may migrate now: the lock contract ({@code MigrationLock}, {@code LockLease}), {@code LockWatch}, which stops
 * a run whose lock is lost, and {@code DeadClientDetection}, the timings derived from
 * {@code msr.postgres.dead-client-timeout} (docs/architecture.md).
 */
package io.msr.internal.lock;
