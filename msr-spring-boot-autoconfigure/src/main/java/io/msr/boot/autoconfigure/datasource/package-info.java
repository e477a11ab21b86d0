/**
 * Choosing and connecting the DataSource MSR migrates: the application's ({@code @MsrDataSource}, {@code @Primary}),
 * MSR's own connections from {@code msr.datasource.*} or an {@code MsrConnectionDetails} bean, {@code DATABASE_URL},
 * and the checks for a missing or unsupported database. Uses the root package only (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.boot.autoconfigure.datasource;

import org.jspecify.annotations.NullMarked;
