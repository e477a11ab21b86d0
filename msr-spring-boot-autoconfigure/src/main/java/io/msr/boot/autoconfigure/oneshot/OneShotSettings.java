package io.msr.boot.autoconfigure.oneshot;

import io.msr.Operation;
import io.msr.Version;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a one-shot run is told by the properties, as plain values: the root's configuration reads {@code msr.*} and
 * hands them here, so that this package never reads the properties or the mode itself.
 *
 * @param mode                      the value of {@code msr.mode}, as messages name it ({@code lock-status})
 * @param operation                 the operation the mode runs, or null when the mode is not a one-shot mode (an
 *                                  AOT-processed application has the one-shot beans whatever mode it was built with)
 * @param needsDatabase             whether the mode needs a database, so that an engine is made before the run
 * @param password                  the migration password ({@code msr.datasource.password}), masked in failures, or
 *                                  null
 * @param maxMigrationSizeMegabytes {@code msr.max-migration-size}, named when the heap runs out
 * @param recordDrift               {@code msr.drift.record}: drift records the fingerprint instead of comparing
 * @param target                    {@code msr.target}, read when down runs: null when unset
 * @param baselineVersion           {@code msr.baseline-version}, read when baseline runs: null when unset
 * @param backupFile                {@code msr.backup.file}, the file restore reads, or null
 */
public record OneShotSettings(String mode, @Nullable Operation operation, boolean needsDatabase,
        @Nullable String password, long maxMigrationSizeMegabytes, boolean recordDrift,
        Supplier<@Nullable Version> target, Supplier<@Nullable Version> baselineVersion, @Nullable Path backupFile) {
}
