/**
 * What differs per database: {@code Dialect}, PostgreSQL's dialect and its advisory lock, and the session state
 * restored on a borrowed connection (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.dialect;

import org.jspecify.annotations.NullMarked;
