/**
 * What differs per database: {@code Dialect}, PostgreSQL's dialect and its advisory lock, and the session state
 * restored on a borrowed connection (docs/architecture.md).
 */
package io.msr.internal.dialect;
