/**
 * One-shot runs ({@code msr.mode=migrate} and the other operations): the one table from mode to operation
 * ({@code OneShotOperation}), the target schemas decided once ({@code TargetSchemas}), the operation run as a
 * database initializer while the context starts, its summary, JSON file, termination message and log events, the
 * exit with its code, stopping on SIGTERM or SIGINT, and check mode, which needs no database. Takes its settings as
 * plain values ({@code OneShotSettings}); uses {@code datasource} only (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.boot.autoconfigure.oneshot;

import org.jspecify.annotations.NullMarked;
