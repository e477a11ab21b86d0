package io.msr.internal.operation;

import io.msr.DriftResult;
import io.msr.MsrSettings;
import io.msr.Version;
import io.msr.internal.drift.DriftResults;
import io.msr.internal.drift.DriftScope;
import io.msr.internal.drift.Fingerprint;
import io.msr.internal.drift.FingerprintTable;
import io.msr.internal.drift.SchemaCatalog;
import io.msr.internal.execute.RunRecorder;
import io.msr.internal.jdbc.SqlErrors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Drift detection: {@code drift} compares the managed schemas with the fingerprint recorded for the schema version
 * (read-only, no lock), {@code record} records them as it (under the lock), and {@link #afterMigrate} records it at
 * the end of a successful migrate run, never failing the run. The catalog is read in a transaction of its own whose
 * {@code search_path} is {@code pg_catalog} alone, so that definitions name every object with its schema whatever
 * search path the connection has.
 */
final class DriftSteps {

    private static final Logger log = LoggerFactory.getLogger(DriftSteps.class);

    private DriftSteps() {
    }

    /** Compares the schema with its version's fingerprint; takes no lock and writes nothing. */
    static DriftResult drift(OperationTemplate template, MsrSettings settings) {
        return template.read(settings, run -> {
            Version version = run.history().state().schemaVersion();
            Place place = Place.of(run.session(), settings);
            try {
                return inCatalogSnapshot(run.session().connection, false, () -> {
                    Fingerprint actual = SchemaCatalog.capture(run.session().connection, place.scope);
                    if (version == null) {
                        return DriftResults.noVersion(place.scope.schemas(), actual.objects().size());
                    }
                    FingerprintTable.Recorded expected = place.table.read(run.session().connection, version);
                    if (expected == null) {
                        return DriftResults.noFingerprint(version, place.scope.schemas(), actual.objects().size(),
                                place.table);
                    }
                    return expected.fits(place.scope)
                            ? DriftResults.compared(version, place.scope.schemas(), expected, actual)
                            : DriftResults.otherScope(version, place.scope, actual.objects().size(), expected);
                });
            } catch (SQLException e) {
                throw SqlErrors.outsideMigration("Could not compare schema(s) " + place.scope.schemas()
                        + " with their fingerprint in " + place.table.qualifiedName(), e);
            }
        });
    }

    /** Records the schema as its version's fingerprint, under the lock. */
    static DriftResult record(OperationTemplate template, MsrSettings settings) {
        return template.locked(settings, run -> {
            Version version = run.history().state().schemaVersion();
            Place place = Place.of(run.session(), settings);
            try {
                if (version == null) {
                    return inCatalogSnapshot(run.session().connection, false, () -> DriftResults.noVersion(
                            place.scope.schemas(),
                            SchemaCatalog.capture(run.session().connection, place.scope).objects().size()));
                }
                DriftResult result = inCatalogSnapshot(run.session().connection, true, () -> DriftResults.recorded(
                        version, place.scope.schemas(), place.table.write(run.session().connection, version,
                                place.scope.schemas(), SchemaCatalog.capture(run.session().connection, place.scope)),
                        place.table));
                log.info(result.message());
                return result;
            } catch (SQLException e) {
                throw SqlErrors.outsideMigration("Could not record the fingerprint of schema(s) "
                        + place.scope.schemas() + " in " + place.table.qualifiedName(), e);
            }
        });
    }

    /**
     * Before a migrate run applies migrations, warns (log and the run's notes) when the schema already drifted from
     * the fingerprint of {@code version}: the fingerprint the run records afterwards takes those changes in, so this
     * is the last word about them. Does nothing without a fingerprint, or when {@code msr.drift.enabled} is off;
     * never throws.
     */
    static void beforeMigrate(RunSession session, MsrSettings settings, @Nullable Version version,
            RunRecorder recorder) {
        if (!settings.drift().enabled() || version == null) {
            return;
        }
        Place place = Place.of(session, settings);
        try {
            DriftResult drift = inCatalogSnapshot(session.connection, false, () -> {
                FingerprintTable.Recorded expected = place.table.read(session.connection, version);
                return expected == null || !expected.fits(place.scope) ? null : DriftResults.compared(version,
                        place.scope.schemas(), expected, SchemaCatalog.capture(session.connection, place.scope));
            });
            if (drift != null && drift.hasDrift()) {
                String warning = "The schema drifted before this run: " + drift.message() + " The fingerprint this"
                        + " run records takes those changes in.";
                log.warn(warning);
                recorder.note("Warning: " + warning);
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not compare the schema with the fingerprint of V{} before migrating", version, e);
        }
    }

    /**
     * Records the fingerprint of {@code version} after a successful migrate run: always when migrations ran
     * ({@code applied}), else only when the version has none yet. Does nothing when {@code msr.drift.enabled} is off
     * or no version is applied. Never throws: a failure is logged as a warning and noted in the run's result, since
     * the migrations themselves succeeded.
     */
    static void afterMigrate(RunSession session, MsrSettings settings, @Nullable Version version, boolean applied,
            RunRecorder recorder) {
        if (!settings.drift().enabled() || version == null) {
            return;
        }
        Place place = Place.of(session, settings);
        try {
            inCatalogSnapshot(session.connection, true, () -> {
                if (!applied && place.table.has(session.connection, version)) {
                    return null;
                }
                FingerprintTable.Recorded recorded = place.table.write(session.connection, version,
                        place.scope.schemas(), SchemaCatalog.capture(session.connection, place.scope));
                log.info("Recorded the drift fingerprint of schema(s) {} for version V{} in {} ({} objects)",
                        place.scope.schemas(), version, place.table.qualifiedName(),
                        recorded.fingerprint().objects().size());
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            String cause = e instanceof SQLException sql ? SqlErrors.describe(sql) : String.valueOf(e.getMessage());
            String warning = "Could not record the drift fingerprint of schema version V" + version + " in "
                    + place.table.qualifiedName() + ": " + cause + ". The migration succeeded; msr.mode=drift reports"
                    + " NO_FINGERPRINT for V" + version + " until a migrate run or msr.drift.record=true records it"
                    + " (msr.drift.enabled=false stops recording).";
            log.warn(warning);
            recorder.note("Warning: " + warning);
        }
    }

    /** Where the fingerprint lives and what it covers, for a session. */
    private record Place(FingerprintTable table, DriftScope scope) {
        static Place of(RunSession session, MsrSettings settings) {
            FingerprintTable table = new FingerprintTable(session.dialect, session.schema, settings.table());
            return new Place(table, DriftScope.of(settings, session.schema, table));
        }
    }

    private interface CatalogWork<T extends @Nullable Object> {
        T run() throws SQLException;
    }

    /** Runs the work in a transaction that reads the catalog with search_path pg_catalog; commits only a write. */
    private static <T extends @Nullable Object> T inCatalogSnapshot(Connection connection, boolean write,
            CatalogWork<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                if (!write) {
                    statement.execute("set transaction read only");
                    // A replica's check must never queue behind a migration's lock for long: drift is then unknown.
                    statement.execute("set local lock_timeout to '10s'");
                }
                statement.execute("set local search_path to pg_catalog");
            }
            T result = work.run();
            if (write) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
