/**
 * Connections (and waiting for a database that does not accept them yet), SQL errors and the runner's name
 * (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.jdbc;

import org.jspecify.annotations.NullMarked;
