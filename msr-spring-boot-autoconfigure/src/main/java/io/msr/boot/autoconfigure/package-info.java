/**
 * MSR's Spring Boot auto-configuration: what users see and what wires the rest. The auto-configurations,
 * {@link io.msr.boot.autoconfigure.MsrProperties} ({@code msr.*}) and the engine settings read from them,
 * {@link io.msr.boot.autoconfigure.MsrMode} and its conditions, the extension points ({@code MsrSettingsCustomizer},
 * {@code MsrMigrationStrategy}, {@code MsrSchemaSource}, {@code MsrConnectionDetails}, {@code @MsrDataSource}),
 * migrate-on-start, the environment post-processor ({@code DATABASE_URL}, one-shot defaults), the checks for other
 * migration tools and a missing database, the startup glue, runtime hints and test slices. Each feature has a package
 * below this one ({@code datasource}, {@code oneshot}, {@code verify}, {@code endpoint}, {@code observation}); this
 * package is the top: it hands each feature plain values of its own, and no feature uses it. From msr-core only the
 * API, {@code io.msr}, is used (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable} (JSpecify's
 * {@link NullMarked @NullMarked}, as in Spring Framework): a property without a default, a parameter or return value
 * that may be null says so.
 */
@NullMarked
package io.msr.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
