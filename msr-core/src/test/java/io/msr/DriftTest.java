package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.TestSchema;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Drift detection against PostgreSQL: the fingerprint each successful migrate records, and the changes made by hand
 * that {@link Msr#drift()} then reports, each with its object and kind.
 */
@WithPostgres
class DriftTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private TestSchema testSchema;
    private String schema;

    DriftTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void schemaWithMigrations() {
        testSchema = db.freshSchema();
        schema = testSchema.name();
        folder = new MigrationFolder(dir).write("V1_app.up.sql", """
                create type %1$s.mood as enum ('happy', 'sad');
                create table %1$s.users (id bigint generated always as identity primary key, email text not null,
                    mood %1$s.mood, age int);
                create index users_email_idx on %1$s.users (email);
                create view %1$s.user_emails as select id, email from %1$s.users;
                create function %1$s.greet(name text) returns text language sql as $$ select 'hello ' || name $$;
                """.formatted(schema));
    }

    private Msr msr(MsrSettings.Builder settings) {
        return folder.msr(db, settings.schema(schema).build());
    }

    private Msr msr() {
        return msr(folder.settings());
    }

    private List<String> fingerprintVersions() {
        return db.queryForStrings("select version from " + schema + ".msr_schema_history_fingerprint order by 1");
    }

    @Test
    void aMigratedSchemaHasNoDriftAndItsFingerprintIsRecordedForItsVersion() {
        msr().migrate();

        DriftResult drift = msr().drift();

        assertThat(drift.status()).isEqualTo(DriftResult.Status.NO_DRIFT);
        assertThat(drift.hasDrift()).isFalse();
        assertThat(drift.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(drift.version()).isEqualTo(Version.of(1));
        assertThat(drift.schemas()).containsExactly(schema);
        assertThat(drift.differences()).isEmpty();
        assertThat(drift.fingerprintCapturedBy()).isEqualTo(db.username());
        assertThat(drift.objects()).isGreaterThan(10);
        assertThat(fingerprintVersions()).containsExactly("1");
        assertThat(db.queryForStrings("select e ->> 'object' from " + schema + ".msr_schema_history_fingerprint,"
                + " jsonb_array_elements(fingerprint) e")).contains("table " + schema + ".users",
                "column " + schema + ".users.email", "index " + schema + ".users_email_idx",
                "view " + schema + ".user_emails", "function " + schema + ".greet(name text)", "type " + schema + ".mood",
                "constraint " + schema + ".users.users_pkey")
                .noneMatch(object -> object.contains("msr_schema_history"));
        assertThat(drift.toJson()).contains("\"status\":\"NO_DRIFT\"").contains("\"hasDrift\":false")
                .contains("\"schemaVersion\":1").contains("\"differences\":[]");
    }

    @Test
    void reportsEachChangeMadeByHandWithItsObjectAndKind() {
        msr().migrate();
        db.execute("alter table " + schema + ".users add column nickname text");
        db.execute("alter table " + schema + ".users alter column age type bigint");
        db.execute("drop index " + schema + ".users_email_idx");
        db.execute("create or replace view " + schema + ".user_emails as select id, email, 1 as one from " + schema
                + ".users");
        db.execute("create or replace function " + schema + ".greet(name text) returns text language sql as"
                + " $$ select 'hi ' || name $$");
        db.execute("create table " + schema + ".audit (id int)");
        db.execute("alter type " + schema + ".mood add value 'meh'");

        DriftResult drift = msr().drift();

        assertThat(drift.status()).isEqualTo(DriftResult.Status.DRIFT);
        assertThat(drift.hasDrift()).isTrue();
        assertThat(drift.exitCode()).isEqualTo(ExitCode.DRIFT);
        assertThat(drift.exitCode().code()).isEqualTo(9);
        assertThat(drift.differences()).extracting(DriftDifference::object, DriftDifference::kind).containsExactly(
                tuple("column " + schema + ".audit.id", DriftDifference.Kind.ADDED),
                tuple("column " + schema + ".users.age", DriftDifference.Kind.CHANGED),
                tuple("column " + schema + ".users.nickname", DriftDifference.Kind.ADDED),
                tuple("function " + schema + ".greet(name text)", DriftDifference.Kind.CHANGED),
                tuple("index " + schema + ".users_email_idx", DriftDifference.Kind.REMOVED),
                tuple("table " + schema + ".audit", DriftDifference.Kind.ADDED),
                tuple("type " + schema + ".mood", DriftDifference.Kind.CHANGED),
                tuple("view " + schema + ".user_emails", DriftDifference.Kind.CHANGED));
        assertThat(drift.differences().get(1).describe())
                .isEqualTo("CHANGED column " + schema + ".users.age: integer -> bigint");
        assertThat(drift.differences()).filteredOn(d -> d.object().startsWith("type "))
                .singleElement().extracting(DriftDifference::actual).isEqualTo("enum ('happy', 'sad', 'meh')");
        assertThat(drift.message()).startsWith("Drift: 8 difference(s) between schema(s) " + schema)
                .contains("msr.drift.record=true");
        assertThat(drift.toJson()).contains("\"status\":\"DRIFT\"").contains("\"exitCode\":9")
                .contains("\"kind\":\"REMOVED\"");
    }

    @Test
    void changesToTheMigrationToolsTablesAreNoDrift() {
        db.execute("create table " + schema + ".flyway_schema_history (installed_rank int primary key)");
        msr().migrate();
        db.execute("alter table " + schema + ".msr_schema_history add column note text");
        db.execute("create index on " + schema + ".msr_schema_history (installed_on)");
        db.execute("alter table " + schema + ".flyway_schema_history add column note text");
        db.execute("create table " + schema + ".schema_migrations (version bigint primary key, dirty boolean)");
        db.execute("create table " + schema + ".databasechangelog (id text)");

        assertThat(msr().drift().differences()).isEmpty();
    }

    @Test
    void aMigrateRunWarnsOfEarlierDriftThenRecordsTheFingerprintOfTheNewVersionKeepingTheOldOnes() {
        msr().migrate();
        db.execute("alter table " + schema + ".users add column nickname text");
        assertThat(msr().drift().hasDrift()).isTrue();

        folder.write("V2_nickname.up.sql", "alter table " + schema + ".users add column if not exists nickname text;");
        OperationResult migrate = msr().migrate();

        assertThat(migrate.notes()).singleElement().asString()
                .startsWith("Warning: The schema drifted before this run: Drift: 1 difference(s)")
                .contains("ADDED column " + schema + ".users.nickname");

        DriftResult drift = msr().drift();
        assertThat(drift.status()).isEqualTo(DriftResult.Status.NO_DRIFT);
        assertThat(drift.version()).isEqualTo(Version.of(2));
        assertThat(fingerprintVersions()).containsExactly("1", "2");
    }

    @Test
    void aRunWithNothingToApplyRecordsAMissingFingerprintButNeverReplacesOne() {
        msr().migrate();
        db.execute("delete from " + schema + ".msr_schema_history_fingerprint");
        assertThat(msr().drift().status()).isEqualTo(DriftResult.Status.NO_FINGERPRINT);

        msr().migrate();
        assertThat(fingerprintVersions()).containsExactly("1");
        assertThat(msr().drift().status()).isEqualTo(DriftResult.Status.NO_DRIFT);

        db.execute("alter table " + schema + ".users add column nickname text");
        msr().migrate();
        assertThat(msr().drift().differences()).extracting(DriftDifference::object)
                .containsExactly("column " + schema + ".users.nickname");
    }

    @Test
    void aDryRunRecordsNothing() {
        msr(folder.settings().dryRun(true)).migrate();

        assertThat(db.queryForObject("select to_regclass('" + schema + ".msr_schema_history_fingerprint') is null",
                Boolean.class)).isTrue();
    }

    @Test
    void withoutAFingerprintDriftSaysSoAndRecordModeRecordsTheSchemaAsItIs() {
        db.execute("create table " + schema + ".legacy (id int primary key)");
        folder.write("V1_app.up.sql", "create table " + schema + ".legacy (id int primary key);");
        msr().baseline(Version.of(1));

        DriftResult none = msr().drift();
        assertThat(none.status()).isEqualTo(DriftResult.Status.NO_FINGERPRINT);
        assertThat(none.hasDrift()).isFalse();
        assertThat(none.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(none.version()).isEqualTo(Version.of(1));
        assertThat(none.message()).contains("No fingerprint is recorded for schema version V1")
                .contains("msr_schema_history_fingerprint").contains("msr.drift.record=true");

        DriftResult recorded = msr().recordFingerprint();
        assertThat(recorded.status()).isEqualTo(DriftResult.Status.RECORDED);
        assertThat(recorded.version()).isEqualTo(Version.of(1));
        assertThat(recorded.objects()).as("schema, table, column, constraint, index").isEqualTo(5);
        assertThat(msr().drift().status()).isEqualTo(DriftResult.Status.NO_DRIFT);

        db.execute("alter table " + schema + ".legacy add column name text");
        assertThat(msr().drift().differences()).extracting(DriftDifference::describe)
                .containsExactly("ADDED column " + schema + ".legacy.name: text");
    }

    @Test
    void privilegesAreLeftOutUnlessIncluded() {
        msr().migrate();
        db.execute("grant select on " + schema + ".users to public");
        assertThat(msr().drift().hasDrift()).isFalse();

        MsrSettings.Builder withPrivileges = folder.settings().drift(new DriftSettings(true, List.of(), true));
        msr(withPrivileges).recordFingerprint();
        db.execute("revoke select on " + schema + ".users from public");

        assertThat(msr(withPrivileges).drift().differences())
                .extracting(DriftDifference::object, DriftDifference::kind)
                .containsExactly(tuple("privileges table " + schema + ".users", DriftDifference.Kind.CHANGED));
    }

    @Test
    void fingerprintsTheSchemasListedBesidesTheHistorySchemaWhateverTheSearchPath() {
        try (TestSchema other = db.freshSchema()) {
            folder.write("V2_other.up.sql", "create table " + other.quoted() + ".reports (id int);");
            Msr msr = Msr.builder().dataSource(testSchema.dataSource())
                    .settings(folder.settings().drift(new DriftSettings(true, List.of(other.name()), false)).build())
                    .build();
            msr.migrate();
            Msr elsewhere = msr(folder.settings().drift(new DriftSettings(true, List.of(other.name()), false)));
            assertThat(elsewhere.drift().status()).as("msr.schema unset: the connection's current schema")
                    .isEqualTo(DriftResult.Status.NO_DRIFT);

            db.execute("alter table " + other.quoted() + ".reports add column title text");

            DriftResult drift = elsewhere.drift();
            assertThat(drift.schemas()).containsExactly(schema, other.name());
            assertThat(drift.differences()).extracting(DriftDifference::object)
                    .containsExactly("column " + other.name() + ".reports.title");
            DriftResult historySchemaOnly = msr().drift();
            assertThat(historySchemaOnly.status()).isEqualTo(DriftResult.Status.NO_FINGERPRINT);
            assertThat(historySchemaOnly.message()).contains("covers schema(s) " + schema + ", " + other.name()
                    + " without privileges").contains("now give schema(s) " + schema + " without privileges");
        }
    }

    @Test
    void aFailingFingerprintNeverFailsTheMigration() {
        db.execute("create view " + schema + ".msr_schema_history_fingerprint as select 1 as x");

        OperationResult result = msr().migrate();

        assertThat(result.success()).isTrue();
        assertThat(result.schemaVersionAfter()).isEqualTo(Version.of(1));
        assertThat(result.notes()).anySatisfy(note -> assertThat(note)
                .startsWith("Warning: Could not record the drift fingerprint of schema version V1")
                .contains("The migration succeeded"));
    }
}
