/**
 * The API of MSR's engine, and the only package an application uses: {@link io.msr.Msr} and its builder, the
 * settings ({@link io.msr.MsrSettings} and its parts), the results and their one JSON shape, the exceptions with their
 * exit codes, and the extension points {@link io.msr.JavaMigration} and {@link io.msr.MigrationListener}. It uses no
 * other package of msr-core: the engine is found through the service file
 * {@code META-INF/services/io.msr.Msr$Provider}, so the API names no implementation. The packages under
 * {@code io.msr.internal} are the engine and not an API (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable} (JSpecify's
 * {@link NullMarked @NullMarked}): a record component, parameter or return value that may be null says so.
 */
@NullMarked
package io.msr;

import org.jspecify.annotations.NullMarked;
