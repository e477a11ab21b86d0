/**
 * Drift detection: the schema's fingerprint read from PostgreSQL's catalog, the table that records it per version,
 * and comparing the two (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.drift;

import org.jspecify.annotations.NullMarked;
