/**
 * Migrations on disk: locations and the files in them, file names in each naming (MSR, Flyway, golang-migrate),
 * checksums, {@code -- msr:} directives and placeholders' presence; {@code ResolutionCache} reads again only what can
 * have changed (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.internal.source;

import org.jspecify.annotations.NullMarked;
