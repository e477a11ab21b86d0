/**
 * Taking over another tool's history: reading Flyway's {@code flyway_schema_history} with its checksums,
 * golang-migrate's {@code schema_migrations} and Liquibase's {@code databasechangelog}, and importing it, or a
 * baseline from it, under the lock (docs/architecture.md).
 */
package io.msr.internal.adopt;
