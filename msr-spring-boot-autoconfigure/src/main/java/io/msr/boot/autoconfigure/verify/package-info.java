/**
 * Verify mode, the default: the schema read at startup and in the background, the {@code msr} health indicator and
 * its place in the readiness group, the schema gauges, the drift watch, and holding startup until the schema is
 * current ({@code msr.verify.wait-on-start}). Takes its settings as plain values ({@code VerifySettings}); uses
 * {@code datasource} and {@code oneshot} (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.boot.autoconfigure.verify;

import org.jspecify.annotations.NullMarked;
