package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Expand/contract releases: {@code -- msr:phase=post-deploy} marks the contract step, {@code msr.phase} chooses
 * what a run applies, version order is kept, and the lint accepts in a post-deploy migration what breaks the
 * previous version in a pre-deploy one.
 */
@WithPostgres
class DeployPhaseTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    DeployPhaseTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void release1() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir)
                .write("V1_create_users.up.sql", "create table ${msr:schema}.users (id int primary key, name text);");
        assertThat(msr(PhaseSelection.ALL).migrate().success()).isTrue();
    }

    /** Release 2: V2 expands (a new column, backfilled), V3 contracts (drops the column only release 1 reads). */
    private void release2() {
        folder.write("V2_add_full_name.up.sql", "alter table ${msr:schema}.users add column full_name text;\n"
                        + "update ${msr:schema}.users set full_name = name;")
                .write("V3_drop_name.up.sql", "-- msr:phase=post-deploy\n"
                        + "alter table ${msr:schema}.users drop column name;");
    }

    private Msr msr(PhaseSelection phase) {
        return msr(folder.settings().schema(schema).phase(phase));
    }

    private Msr msr(MsrSettings.Builder settings, JavaMigration... java) {
        return folder.msr(db, settings.build(), java);
    }

    private List<String> history() {
        return db.queryForStrings("select version || ' ' || operation from " + schema
                + ".msr_schema_history order by id");
    }

    private List<String> columns() {
        return db.queryForStrings("select column_name from information_schema.columns where table_schema = '" + schema
                + "' and table_name = 'users' order by ordinal_position");
    }

    @Test
    void thePreDeployRunLeavesTheContractStepForThePostDeployRun() {
        release2();
        OperationResult pre = msr(PhaseSelection.PRE_DEPLOY).migrate();

        assertThat(pre.success()).isTrue();
        assertThat(pre.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(2));
        assertThat(pre.notes()).singleElement().asString().contains("Left 1 post-deploy migration(s)")
                .contains("V3 (V3_drop_name.up.sql)").contains("msr.phase=post-deploy");
        assertThat(columns()).containsExactly("id", "name", "full_name");

        InfoResult info = msr(PhaseSelection.ALL).info();
        assertThat(info.pending()).singleElement().satisfies(pending -> {
            assertThat(pending.version()).isEqualTo(Version.of(3));
            assertThat(pending.phase()).isEqualTo(DeployPhase.POST_DEPLOY);
        });
        assertThat(info.summary()).containsEntry("pending", 1).containsEntry("pendingPreDeploy", 0)
                .containsEntry("pendingPostDeploy", 1);
        assertThat(info.toJson()).contains("\"phase\":\"post-deploy\"");

        assertThat(msr(PhaseSelection.PRE_DEPLOY).migrate().executed()).as("nothing new before the rollout").isEmpty();

        OperationResult post = msr(PhaseSelection.POST_DEPLOY).migrate();
        assertThat(post.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(3));
        assertThat(columns()).containsExactly("id", "full_name");
        assertThat(history()).containsExactly("1 UP", "2 UP", "3 UP");
        assertThat(msr(PhaseSelection.POST_DEPLOY).migrate().executed()).isEmpty();
    }

    @Test
    void thePostDeployRunIsRefusedWhilePreDeployMigrationsArePendingAndChangesNothing() {
        release2();
        ValidationException refused = catchThrowableOfType(ValidationException.class,
                () -> msr(PhaseSelection.POST_DEPLOY).migrate());

        assertThat(refused.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(refused.getMessage()).contains("[PRE_DEPLOY_PENDING]").contains("V2 (V2_add_full_name.up.sql)")
                .contains("msr.phase=pre-deploy");
        assertThat(history()).containsExactly("1 UP");
        assertThat(columns()).containsExactly("id", "name");
    }

    @Test
    void aContractStepLeftPendingByTheLastReleaseRunsBeforeTheNextReleasesExpandStep() {
        release2();
        msr(PhaseSelection.PRE_DEPLOY).migrate();
        // The post-deploy Job of release 2 never ran; release 3 arrives with its own expand and contract steps.
        folder.write("V4_add_email.up.sql", "alter table ${msr:schema}.users add column email text;")
                .write("V5_drop_full_name_default.up.sql", "-- msr:phase=post-deploy\n"
                        + "alter table ${msr:schema}.users alter column full_name drop default;");

        OperationResult pre = msr(PhaseSelection.PRE_DEPLOY).migrate();

        assertThat(pre.executed()).extracting(ExecutedMigration::version)
                .as("V3 is older than the pending pre-deploy V4, so it runs first, in version order")
                .containsExactly(Version.of(3), Version.of(4));
        assertThat(pre.notes()).singleElement().asString().contains("V5");
        assertThat(history()).containsExactly("1 UP", "2 UP", "3 UP", "4 UP");
    }

    @Test
    void allAppliesEveryPhaseInVersionOrder() {
        release2();
        folder.write("V4_add_email.up.sql", "alter table ${msr:schema}.users add column email text;");

        OperationResult all = msr(PhaseSelection.ALL).migrate();

        assertThat(all.executed()).extracting(ExecutedMigration::version)
                .containsExactly(Version.of(2), Version.of(3), Version.of(4));
        assertThat(all.notes()).isEmpty();
    }

    @Test
    void repeatableMigrationsFollowTheirOwnPhase() {
        release2();
        folder.write("R_user_names.sql", "-- msr:phase=post-deploy\ncreate or replace view ${msr:schema}.user_names"
                + " as select id, full_name from ${msr:schema}.users;");

        OperationResult pre = msr(PhaseSelection.PRE_DEPLOY).migrate();
        assertThat(pre.executed()).extracting(ExecutedMigration::description).containsExactly("add full name");

        OperationResult post = msr(PhaseSelection.POST_DEPLOY).migrate();
        assertThat(post.executed()).extracting(ExecutedMigration::description)
                .containsExactly("drop name", "user names");
    }

    @Test
    void aJavaMigrationChoosesItsPhase() {
        JavaMigration contract = new JavaMigration() {
            @Override
            public Version version() {
                return Version.of(3);
            }

            @Override
            public String description() {
                return "drop name";
            }

            @Override
            public DeployPhase phase() {
                return DeployPhase.POST_DEPLOY;
            }

            @Override
            public void up(MigrationContext context) throws Exception {
                try (var statement = context.connection().createStatement()) {
                    statement.execute("alter table " + schema + ".users drop column name");
                }
            }
        };
        folder.write("V2_add_full_name.up.sql", "alter table ${msr:schema}.users add column full_name text;");

        OperationResult pre = msr(folder.settings().schema(schema).phase(PhaseSelection.PRE_DEPLOY), contract).migrate();
        assertThat(pre.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(2));
        assertThat(msr(folder.settings().schema(schema), contract).info().summary())
                .containsEntry("pendingPostDeploy", 1);

        OperationResult post = msr(folder.settings().schema(schema).phase(PhaseSelection.POST_DEPLOY), contract)
                .migrate();
        assertThat(post.executed()).extracting(ExecutedMigration::version).containsExactly(Version.of(3));
        assertThat(columns()).containsExactly("id", "full_name");
    }

    @Test
    void strictLintRefusesADropInAPreDeployMigrationAndAcceptsItPostDeploy() {
        folder.write("V2_drop_name.up.sql", "alter table ${msr:schema}.users drop column name;");
        ValidationException refused = catchThrowableOfType(ValidationException.class,
                () -> msr(folder.settings().schema(schema).strict(true).phase(PhaseSelection.PRE_DEPLOY)).migrate());

        assertThat(refused.getMessage()).contains("[drop-column]")
                .contains("mark the migration post-deploy (-- msr:phase=post-deploy)");
        assertThat(columns()).containsExactly("id", "name");

        folder.write("V2_drop_name.up.sql", "-- msr:phase=post-deploy\n-- msr:allow=drop-column\n"
                + "alter table ${msr:schema}.users drop column name;");
        OperationResult post = msr(folder.settings().schema(schema).strict(true).phase(PhaseSelection.POST_DEPLOY))
                .migrate();

        assertThat(post.success()).isTrue();
        assertThat(post.warnings()).as("neither the drop nor the allow written before the file was marked").isEmpty();
        assertThat(columns()).containsExactly("id");
    }

    @Test
    void aPostDeployMigrationStillGetsTheRulesAboutLocksAndRewrites() {
        folder.write("V2_index_name.up.sql", "-- msr:phase=post-deploy\n"
                + "create index users_name_idx on ${msr:schema}.users (name);");

        ValidationException refused = catchThrowableOfType(ValidationException.class,
                () -> msr(folder.settings().schema(schema).strict(true).phase(PhaseSelection.POST_DEPLOY)).migrate());

        assertThat(refused.getMessage()).contains("[create-index-not-concurrently]")
                .doesNotContain("mark the migration post-deploy");
    }

    @Test
    void anUnknownPhaseNamesTheFileAndTheValues() {
        folder.write("V2_drop_name.up.sql", "-- msr:phase=after\nalter table ${msr:schema}.users drop column name;");

        ValidationException refused = catchThrowableOfType(ValidationException.class,
                () -> msr(PhaseSelection.ALL).migrate());

        assertThat(refused.getMessage()).contains("V2_drop_name.up.sql").contains("msr:phase=after")
                .contains("pre-deploy or post-deploy");
    }
}
