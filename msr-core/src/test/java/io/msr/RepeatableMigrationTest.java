package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repeatable migrations ({@code R_<description>.sql}): applied after the versioned ones, in description order, and
 * again whenever their file changes; each in its own transaction with its history row.
 */
@WithPostgres
class RepeatableMigrationTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    RepeatableMigrationTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void folder() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir)
                .write("V1_create_users.up.sql", "create table ${msr:schema}.users (id int primary key, name text);")
                .write("R_user_names.sql", view("name"))
                .write("R_a_user_count.sql", "create or replace view ${msr:schema}.user_count as"
                        + " select count(*) as n from ${msr:schema}.users;");
    }

    private static String view(String column) {
        return "create or replace view ${msr:schema}.user_names as select id, " + column + " from ${msr:schema}.users;";
    }

    private Msr msr() {
        return folder.msr(db, folder.settings().schema(schema).build());
    }

    private List<String> history() {
        return db.queryForStrings("select coalesce(version::text, 'R ' || description) || ' ' || operation from "
                + schema + ".msr_schema_history order by id");
    }

    @Test
    void appliesRepeatablesAfterTheVersionedOnesInDescriptionOrderThenOnlyWhenChanged() {
        OperationResult first = msr().migrate();

        assertThat(first.executed()).extracting(ExecutedMigration::description)
                .containsExactly("create users", "a user count", "user names");
        assertThat(first.schemaVersionAfter()).isEqualTo(Version.of(1));
        assertThat(msr().migrate().executed()).isEmpty();

        folder.write("R_user_names.sql", view("upper(name) as name"));
        InfoResult info = msr().info();
        assertThat(info.pending()).singleElement().satisfies(pending -> {
            assertThat(pending.state()).isEqualTo(MigrationState.OUTDATED);
            assertThat(pending.version()).isNull();
            assertThat(pending.description()).isEqualTo("user names");
        });
        assertThat(info.summary()).containsEntry("pending", 1);

        assertThat(msr().migrate().executed()).extracting(ExecutedMigration::description)
                .containsExactly("user names");
        assertThat(history()).containsExactly("1 UP", "R a user count UP", "R user names UP", "R user names UP");
        assertThat(msr().info().migrations()).extracting(MigrationInfo::state).containsOnly(MigrationState.APPLIED);
    }

    @Test
    void aHistoryTableOfAnOlderReleaseTakesRepeatablesOnceTheFirstIsApplied() {
        db.execute("create table " + schema + ".msr_schema_history (id bigint generated always as identity primary"
                + " key, version bigint not null, description varchar(200) not null, type varchar(10) not null,"
                + " script varchar(1000) not null, checksum varchar(64), operation varchar(10) not null, success"
                + " boolean not null, installed_by varchar(100) not null default current_user, installed_on"
                + " timestamptz not null default clock_timestamp(), execution_time_ms bigint not null)");

        assertThat(msr().migrate().executed()).hasSize(3);

        assertThat(db.queryForObject("select is_nullable from information_schema.columns where table_schema = '"
                + schema + "' and table_name = 'msr_schema_history' and column_name = 'version'", String.class))
                .isEqualTo("YES");
        assertThat(history()).containsExactly("1 UP", "R a user count UP", "R user names UP");
    }

    @Test
    void aRepeatableThatFailsIsRolledBackAndTriedAgainByTheNextRun() {
        folder.write("R_user_names.sql", "create or replace view ${msr:schema}.user_names as select nope from"
                + " ${msr:schema}.users;");
        MigrationFailedException failed = org.assertj.core.api.Assertions.catchThrowableOfType(
                MigrationFailedException.class, () -> msr().migrate());
        assertThat(failed.getMessage()).contains("repeatable 'user names'", "R_user_names.sql");

        folder.write("R_user_names.sql", view("name"));
        assertThat(msr().migrate().executed()).extracting(ExecutedMigration::description)
                .containsExactly("user names");
    }
}
