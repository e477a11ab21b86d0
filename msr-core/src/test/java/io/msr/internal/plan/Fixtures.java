package io.msr.internal.plan;

import io.msr.Version;
import io.msr.HistoryEntry.HistoryOperation;
import io.msr.HistoryEntry;
import io.msr.MigrationType;
import io.msr.internal.source.Checksums;
import io.msr.internal.source.Directives;
import io.msr.internal.source.MigrationLocation;
import io.msr.internal.source.ResolvedMigration;
import io.msr.internal.source.ScriptFile;
import io.msr.internal.source.SqlScript;
import io.msr.internal.sql.SqlStatementSplitter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Builds resolved migrations and history rows for planner tests, without files or a database. */
final class Fixtures {

    private static final MigrationLocation LOCATION = MigrationLocation.parse("classpath:db/msr");
    private static final AtomicLong ids = new AtomicLong();

    private Fixtures() {
    }

    static ResolvedMigration sql(long version, String text) {
        return sql(version, text, false, "");
    }

    static ResolvedMigration sql(long version, String text, boolean withDown, String folder) {
        String name = "V" + version + "_m" + version;
        SqlScript up = script(folder + name + ".up.sql", text);
        SqlScript down = withDown ? script(folder + name + ".down.sql", "select 1;") : null;
        return new ResolvedMigration(Version.of(version), "m" + version, MigrationType.SQL, up.file().path(),
                up.checksum(), up, down,
                null, false);
    }

    static SqlScript script(String path, String text) {
        ScriptFile file = new ScriptFile(LOCATION, path, text.getBytes(StandardCharsets.UTF_8));
        return new SqlScript(file, text, Checksums.of(text), Directives.parse(text), SqlStatementSplitter.split(text));
    }

    static HistoryEntry applied(ResolvedMigration migration) {
        return row(migration.version().toLong(), migration.script(), migration.checksum(), HistoryOperation.UP, true);
    }

    static HistoryEntry row(long version, String script, String checksum, HistoryOperation operation,
            boolean success) {
        return new HistoryEntry(ids.incrementAndGet(), Version.of(version), "m" + version, MigrationType.SQL, script, checksum,
                operation, success, "postgres", Instant.parse("2026-01-01T00:00:00Z"), 5);
    }
}
