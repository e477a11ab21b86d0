/**
 * One-shot runs ({@code msr.mode=migrate} and the other operations): the one table from mode to operation
 * ({@code OneShotOperation}), the operation run as a database initializer while the context starts, its summary,
 * JSON file, termination message and log events, the exit with its code, stopping on SIGTERM or SIGINT, and check
 * mode, which needs no database. Uses the root package and {@code datasource} (docs/architecture.md).
 */
package io.msr.boot.autoconfigure.oneshot;
