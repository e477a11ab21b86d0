/**
 * Pure planning: resolved migrations + applied history + settings -> a plan or the issues that prevent one. No
 * JDBC, so most of its tests need no database (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.plan;

import org.jspecify.annotations.NullMarked;
