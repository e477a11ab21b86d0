/**
 * Choosing and connecting the DataSource MSR migrates: the application's ({@code @MsrDataSource}, {@code @Primary}),
 * MSR's own connections from {@code msr.datasource.*} or an {@code MsrConnectionDetails} bean (handed in as plain
 * values), reading {@code DATABASE_URL}, and telling an unsupported database. Uses no other package of the module
 * (docs/architecture.md).
 *
 * <p>Nothing in this package is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package io.msr.boot.autoconfigure.datasource;

import org.jspecify.annotations.NullMarked;
