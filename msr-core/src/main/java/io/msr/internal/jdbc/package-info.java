/**
 * Connections (and waiting for a database that does not accept them yet), SQL errors and the runner's name
 * (docs/architecture.md).
 */
package io.msr.internal.jdbc;
