/**
 * Migrations on disk: locations and the files in them, file names in each naming (MSR, Flyway, golang-migrate),
 * checksums, {@code -- msr:} directives and placeholders' presence; {@code ResolutionCache} reads again only what can
 * have changed (docs/architecture.md).
 */
package io.msr.internal.source;
