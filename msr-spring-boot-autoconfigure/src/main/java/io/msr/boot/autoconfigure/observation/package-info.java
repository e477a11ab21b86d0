/**
 * Metrics and observations: the names of every meter and observation MSR makes ({@code MsrMeters},
 * {@code MsrObservations}), the observation context and the conventions users extend, the listener that observes each
 * run (spans and timers under one set of names), the timers' fixed buckets, and the deprecated timers kept for one
 * release. Uses only {@code verify}, for the names of verify mode's gauges (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
