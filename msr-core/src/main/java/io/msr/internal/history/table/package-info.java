/**
 * The JDBC history table: reading its rows and writing them ({@code SchemaHistory}, {@code HistoryWriter}), replayed
 * by {@code internal.history} (docs/architecture.md).
 */
package io.msr.internal.history.table;
