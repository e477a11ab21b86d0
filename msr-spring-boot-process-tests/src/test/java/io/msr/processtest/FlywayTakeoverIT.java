package io.msr.processtest;

import io.msr.test.PackagedJar;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The packaged app's migrate Job taking over a database that real Flyway built: Flyway-named files (dotted and
 * underscore versions, a repeatable, placeholders) stay as they are, the first migrate adopts Flyway's history and
 * applies what is new, Flyway's table is left as it was; an edit Flyway would have caught, or a failed Flyway
 * migration, is refused before anything is written.
 */
@WithPostgres
class FlywayTakeoverIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));

    /** The value of the {@code ${app_name}} placeholder, for Flyway and for MSR alike. */
    private static final String APP_NAME = "shop";

    private static final String USER_VIEW = """
            create or replace view user_view as
            select id, name, email, '${app_name}'::text as app from users;
            """;

    @TempDir
    Path dir;

    private final TestDatabase db;
    private String schema;
    private Path migrations;

    FlywayTakeoverIT(TestDatabase db) {
        this.db = db;
    }

    /**
     * Writes the files Flyway applies: versions 1, 1.1 (dotted) and 2.0.1 (underscores), a placeholder of the
     * application's ({@code ${app_name}}, in a versioned and in the repeatable migration) and one of Flyway's own
     * ({@code ${flyway:defaultSchema}}), and a repeatable view.
     */
    @BeforeEach
    void flywayMigrationFiles() throws IOException {
        schema = db.freshSchema().name();
        migrations = Files.createDirectories(dir.resolve("migrations"));
        write("V1__create_users.sql", "create table users (id int primary key, name text not null);\n");
        write("V1.1__add_email.sql", "alter table ${flyway:defaultSchema}.users add column email text;\n");
        write("V2_0_1__create_orders.sql", """
                create table orders (
                    id int primary key,
                    user_id int not null references users,
                    channel text not null default '${app_name}'
                );
                """);
        write("R__user_view.sql", USER_VIEW);
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(migrations.resolve(file), text, StandardCharsets.UTF_8);
    }

    private FluentConfiguration flyway() {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password()).schemas(schema)
                .locations("filesystem:" + migrations).placeholders(Map.of("app_name", APP_NAME));
    }

    /** The files the Flyway-built database does not have yet; V10 needs V2.1's table, so it must run after it. */
    private void writeNewMigrations() throws IOException {
        write("V2_1__create_invoices.sql", """
                create table ${flyway:defaultSchema}.invoices (
                    id int primary key,
                    order_id int not null references orders,
                    created_by text not null default '${flyway:user}'
                );
                comment on table invoices is 'kept beside ${flyway:table}';
                """);
        write("V10__create_payments.sql", """
                create table payments (
                    id int primary key,
                    invoice_id int not null references invoices,
                    channel text not null default '${app_name}'
                );
                """);
    }

    /** Runs the packaged app in {@code mode}; its summary JSON goes to {@code <label>-summary.json}. */
    private PackagedJar.Run run(String label, String mode, String... extra) {
        List<String> args = new ArrayList<>(MigrateJobIT.database(db));
        args.addAll(List.of("--msr.mode=" + mode, "--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--test.java-migration.enabled=false", "--msr.locations=filesystem:" + migrations,
                "--msr.naming=flyway", "--msr.adopt-from=flyway", "--msr.placeholders.app_name=" + APP_NAME,
                "--msr.summary-path=" + dir.resolve(label + "-summary.json")));
        args.addAll(List.of(extra));
        return APP.run(Map.of(), args);
    }

    private String summary(String label) throws IOException {
        return Files.readString(dir.resolve(label + "-summary.json"));
    }

    /** Every column of every row of Flyway's history, to prove it is never written. */
    private List<String> flywayHistory() {
        return db.queryForStrings("select concat_ws('|', installed_rank, version, description, type, script, checksum,"
                + " installed_by, installed_on, execution_time, success::text) from " + schema + ".flyway_schema_history"
                + " order by installed_rank");
    }

    /** MSR's history, one {@code <version or description> <operation> <success>} per row, oldest first. */
    private List<String> msrHistory() {
        return db.queryForStrings("select coalesce(version, description) || ' ' || operation || ' ' || success from "
                + schema + ".msr_schema_history order by id");
    }

    private boolean exists(String table) {
        return db.queryForObject("select to_regclass('" + schema + "." + table + "') is not null", Boolean.class);
    }

    @Test
    void theFirstMigrateAdoptsFlywaysHistoryAndAppliesWhatIsNew() throws Exception {
        flyway().load().migrate();
        List<String> flywayRows = flywayHistory();
        assertThat(flywayRows).hasSize(4);
        writeNewMigrations();

        // A replica of the new release, started normally (verify mode), before the Job: it reads Flyway's history.
        int port = Http.freePort();
        List<String> replicaArgs = new ArrayList<>(MigrateJobIT.database(db));
        replicaArgs.addAll(List.of("--server.port=" + port, "--msr.schema=" + schema,
                "--spring.datasource.hikari.connection-init-sql=set search_path to " + schema,
                "--test.java-migration.enabled=false", "--msr.locations=filesystem:" + migrations,
                "--msr.naming=flyway", "--msr.adopt-from=flyway", "--msr.placeholders.app_name=" + APP_NAME,
                "--msr.verify.refresh-interval=300ms"));
        PackagedJar.Started replica = APP.start(Map.of(), replicaArgs);
        String endpoint = "http://localhost:" + port + "/actuator/msr";
        String readiness = "http://localhost:" + port + "/actuator/health/readiness";
        HttpResponse<String> before = Http.waitForAnswer(endpoint, replica);
        assertThat(before.body()).as("only V2.1 and V10 are new; the unchanged repeatable is not pending")
                .contains("\"pending\":2").contains("\"historyExists\":false");
        assertThat(Http.get(readiness).statusCode()).isEqualTo(503);

        PackagedJar.Run dryRun = run("dry-run", "migrate", "--msr.dry-run=true");
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(dryRun.output()).contains("would adopt");
        assertThat(exists("msr_schema_history")).as("a dry run writes no history").isFalse();
        assertThat(exists("invoices")).as("a dry run applies nothing").isFalse();
        assertThat(flywayHistory()).isEqualTo(flywayRows);

        PackagedJar.Run migrate = run("migrate", "migrate");
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("Adopted flyway's history");
        assertThat(msrHistory()).as(migrate.output()).containsExactly("1 IMPORTED true", "1.1 IMPORTED true",
                "2.0.1 IMPORTED true", "user view IMPORTED true", "2.1 UP true", "10 UP true");
        assertThat(exists("invoices")).isTrue();
        assertThat(exists("payments")).isTrue();
        assertThat(db.queryForObject("select column_default from information_schema.columns where table_schema = '"
                + schema + "' and table_name = 'payments' and column_name = 'channel'", String.class))
                .as("${app_name} replaced by msr.placeholders.app_name").contains("'" + APP_NAME + "'");
        assertThat(db.queryForObject("select column_default from information_schema.columns where table_schema = '"
                + schema + "' and table_name = 'invoices' and column_name = 'created_by'", String.class))
                .as("${flyway:user} is the user MSR logged in as").contains("'" + db.username() + "'");
        assertThat(db.queryForObject("select obj_description('" + schema + ".invoices'::regclass, 'pg_class')",
                String.class)).as("${flyway:table} is a built-in").startsWith("kept beside ").doesNotContain("${");
        assertThat(flywayHistory()).as("Flyway's table is never written").isEqualTo(flywayRows);

        HttpResponse<String> after = Http.until(readiness, response -> response.statusCode() == 200);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(Http.get(endpoint).body()).contains("\"pending\":0").contains("\"historyExists\":true")
                .contains("\"schemaVersion\":10");
        replica.stop();

        PackagedJar.Run again = run("again", "migrate");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(summary("again")).contains("\"executed\":[]");
        assertThat(msrHistory()).hasSize(6);

        // After adoption MSR's own checksums guard the applied files: V1.1 edited now is an edited applied file.
        write("V1.1__add_email.sql", "alter table ${flyway:defaultSchema}.users add column email varchar(320);\n");
        PackagedJar.Run infoAfter = run("info-after", "info");
        assertThat(infoAfter.exitCode()).as(infoAfter.output()).isZero();
        assertThat(summary("info-after")).contains("\"pending\":0").contains("\"historyExists\":true")
                .contains("\"checksumMismatches\":1").contains("\"code\":\"CHECKSUM_MISMATCH\"")
                .contains("V1.1__add_email.sql");

        PackagedJar.Run validate = run("validate", "validate");
        assertThat(validate.exitCode()).as(validate.output()).isEqualTo(2);
        assertThat(validate.output()).contains("V1.1__add_email.sql").contains("edited after it was applied");
        assertThat(summary("validate")).contains("\"exitCode\":2").contains("V1.1__add_email.sql");
        assertThat(flywayHistory()).isEqualTo(flywayRows);
    }

    @Test
    void aFileEditedSinceFlywayAppliedItIsRefusedAndNothingIsWritten() throws IOException {
        flyway().load().migrate();
        List<String> flywayRows = flywayHistory();
        write("V1.1__add_email.sql", "alter table ${flyway:defaultSchema}.users add column email varchar(320);\n");
        writeNewMigrations();

        // The issue codes are in info's JSON (migrate and validate print the messages): info reads Flyway's history
        // read-only and lists what the first migrate will refuse.
        PackagedJar.Run info = run("info", "info");
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(summary("info")).contains("\"code\":\"ADOPT_CHECKSUM_MISMATCH\"").contains("V1.1__add_email.sql")
                .contains("\"historyExists\":false");

        PackagedJar.Run migrate = run("migrate", "migrate");

        assertThat(migrate.exitCode()).as(migrate.output()).isEqualTo(2);
        assertThat(migrate.output()).contains("V1.1__add_email.sql differs from the V1.1 (V1.1__add_email.sql)"
                + " Flyway applied");
        assertThat(summary("migrate")).contains("\"exitCode\":2").contains("ValidationException")
                .contains("V1.1__add_email.sql");
        assertThat(migrate.output()).doesNotContain("Adopted flyway's history");
        assertThat(exists("msr_schema_history")).isFalse();
        assertThat(exists("invoices")).isFalse();
        assertThat(flywayHistory()).isEqualTo(flywayRows);
    }

    @Test
    void aFailedFlywayMigrationIsRefusedAndNothingIsWritten() throws IOException {
        flyway().load().migrate();
        // Flyway writes a failed row for a migration outside a transaction and keeps it when its lock is not
        // transactional either (it is by default, and then the row rolls back with the lock's transaction).
        write("V3__broken.sql", "create table half_done (id int);\nselect * from no_such_table;\n");
        write("V3__broken.sql.conf", "executeInTransaction=false\n");
        Throwable failure = catchThrowable(() -> flyway()
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate());
        assertThat(failure).hasMessageContaining("no_such_table");
        List<String> flywayRows = flywayHistory();
        assertThat(flywayRows).hasSize(5).last().asString().startsWith("5|3|broken|SQL|V3__broken.sql|")
                .endsWith("|false");

        PackagedJar.Run info = run("info", "info");
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(summary("info")).contains("\"code\":\"ADOPT_FAILED_ROW\"").contains("V3__broken.sql");

        PackagedJar.Run migrate = run("migrate", "migrate");

        assertThat(migrate.exitCode()).as(migrate.output()).isEqualTo(2);
        assertThat(migrate.output()).contains("records a failed migration: V3 (V3__broken.sql)")
                .contains("flyway repair");
        assertThat(summary("migrate")).contains("\"exitCode\":2").contains("ValidationException");
        assertThat(migrate.output()).doesNotContain("Adopted flyway's history");
        assertThat(exists("msr_schema_history")).isFalse();
        assertThat(flywayHistory()).isEqualTo(flywayRows);
    }

    @Test
    void aRepeatableChangedSinceFlywaysLastRunIsPendingAndReappliedByTheFirstMigrate() throws IOException {
        flyway().load().migrate();
        List<String> flywayRows = flywayHistory();
        // create or replace view may only add columns at the end
        write("R__user_view.sql", USER_VIEW.replace(" as app from", " as app, upper(name) as shout from"));

        PackagedJar.Run info = run("info", "info");
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(summary("info")).as("the changed repeatable is the one pending migration").contains("\"pending\":1");

        PackagedJar.Run migrate = run("migrate", "migrate");

        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("Adopted flyway's history");
        List<String> rows = msrHistory();
        assertThat(rows).as(migrate.output()).startsWith("1 IMPORTED true", "1.1 IMPORTED true", "2.0.1 IMPORTED true")
                .endsWith("user view UP true");
        assertThat(db.queryForStrings("select column_name from information_schema.columns where table_schema = '"
                + schema + "' and table_name = 'user_view' order by ordinal_position"))
                .containsExactly("id", "name", "email", "app", "shout");
        assertThat(flywayHistory()).isEqualTo(flywayRows);
    }
}
