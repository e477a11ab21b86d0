/**
 * The JDBC history table: reading its rows and writing them ({@code SchemaHistory}, {@code HistoryWriter}), replayed
 * by {@code internal.history} (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.history.table;

import org.jspecify.annotations.NullMarked;
