/**
 * What the history says, replayed from its rows with no database ({@code HistoryState}): what was applied, failed or
 * started, and the baseline. The JDBC table the rows come from is {@code history.table} (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.history;

import org.jspecify.annotations.NullMarked;
