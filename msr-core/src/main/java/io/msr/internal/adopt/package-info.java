/**
 * Taking over another tool's history: reading Flyway's {@code flyway_schema_history} with its checksums,
 * golang-migrate's {@code schema_migrations} and Liquibase's {@code databasechangelog}, and importing it, or a
 * baseline from it, under the lock (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.adopt;

import org.jspecify.annotations.NullMarked;
