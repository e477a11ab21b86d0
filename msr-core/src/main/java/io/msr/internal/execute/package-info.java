/**
 * Runs migrations on a connection: {@code Applier} (up, per migration or per batch, with history rows, retries and
 * COMMIT errors), {@code Reverter} (down), {@code DryRun} and {@code MigrationExecutor} (one migration's statements).
 * Used only by {@code internal.operation}; it uses the parts below it (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.execute;

import org.jspecify.annotations.NullMarked;
