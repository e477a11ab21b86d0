/**
 * Drift detection: the schema's fingerprint read from PostgreSQL's catalog, the table that records it per version,
 * and comparing the two (docs/architecture.md).
 */
package io.msr.internal.drift;
