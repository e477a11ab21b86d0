/**
 * MSR's Spring Boot auto-configuration: what users see and what wires the rest. The auto-configurations,
 * {@link io.msr.boot.autoconfigure.MsrProperties} ({@code msr.*}), {@link io.msr.boot.autoconfigure.MsrMode} and its
 * conditions, the extension points ({@code MsrSettingsCustomizer}, {@code MsrMigrationStrategy},
 * {@code MsrSchemaSource}, {@code MsrConnectionDetails}, {@code @MsrDataSource}, the observation conventions),
 * metrics and observations, migrate-on-start, the check against other migration tools, runtime hints and test
 * slices. Each feature has a package below this one ({@code datasource}, {@code oneshot}, {@code verify},
 * {@code endpoint}); only the configurations here create their beans. From msr-core only the API, {@code io.msr}, is
 * used (docs/architecture.md).
 */
package io.msr.boot.autoconfigure;
