package io.msr;

import io.msr.test.KubeletVolume;
import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Migrations mounted as Kubernetes mounts them (a ConfigMap volume: visible links into a hidden timestamped folder),
 * built on disk with real symbolic links and run against PostgreSQL; and the empty-location rule, which stops a mount
 * that did not populate from passing for a database that is ahead.
 */
@WithPostgres
class ConfigMapMountTest {

    @TempDir
    Path dir;

    private final TestDatabase db;
    private String schema;
    private KubeletVolume volume;

    ConfigMapMountTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        volume = new KubeletVolume(dir.resolve("mnt/migrations"));
    }

    private Msr msr(String... locations) {
        return Msr.builder().url(db.jdbcUrl(), db.username(), db.password()).settings(MsrSettings.builder()
                .locations(locations).schema(schema).lockWaitTimeout(Duration.ofSeconds(30)).build()).build();
    }

    private Msr msr() {
        return msr("filesystem:" + volume.dir());
    }

    private String table(String name) {
        return schema + "." + name;
    }

    private Map<String, String> twoMigrations() {
        return Map.of("V1_users.up.sql", "create table " + table("users") + " (id int primary key);",
                "V1_users.down.sql", "drop table " + table("users") + ";",
                "sub/dir/V2_names.up.sql", "alter table " + table("users") + " add column name text;");
    }

    @Test
    void appliesEveryMigrationOfTheMountOnce() {
        volume.write(twoMigrations());

        OperationResult result = msr().migrate();

        assertThat(result.executed()).extracting(ExecutedMigration::script)
                .containsExactly("V1_users.up.sql", "sub/dir/V2_names.up.sql");
        assertThat(db.queryForStrings("select version || ' ' || script from " + table("msr_schema_history")
                + " order by id")).containsExactly("1 V1_users.up.sql", "2 sub/dir/V2_names.up.sql");
        assertThat(msr().info().issues()).isEmpty();
    }

    @Test
    void aSecondRunAfterAnAtomicUpdateAppliesExactlyTheNewMigration() {
        volume.write(twoMigrations());
        msr().migrate();
        Map<String, String> updated = new java.util.HashMap<>(twoMigrations());
        updated.put("V3_email.up.sql", "alter table " + table("users") + " add column email text;");
        volume.write(updated);

        OperationResult second = msr().migrate();

        assertThat(second.executed()).extracting(ExecutedMigration::script).containsExactly("V3_email.up.sql");
        assertThat(second.schemaVersionAfter()).isEqualTo(Version.of(3L));
        assertThat(msr().migrate().executed()).isEmpty();
    }

    @Test
    void aLinkLoopAndASecondPathToTheSameFilesApplyEachMigrationOnce() throws IOException {
        volume.write(twoMigrations());
        Files.createSymbolicLink(volume.dir().resolve("again"), Path.of("."));
        Files.createSymbolicLink(volume.dir().resolve("alias"), Path.of("..data/sub"));

        OperationResult result = msr().migrate();

        assertThat(result.executed()).extracting(ExecutedMigration::script)
                .containsExactly("V1_users.up.sql", "alias/dir/V2_names.up.sql");
        assertThat(msr().info().issues()).isEmpty();
    }

    @Test
    void anEmptyMountWhileTheHistoryRecordsMigrationsFailsNamingTheLocation() {
        volume.write(twoMigrations());
        msr().migrate();
        volume.write(Map.of());

        ValidationException error = catchThrowableOfType(ValidationException.class, () -> msr().migrate());

        assertThat(error.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo("LOCATION_EMPTY");
            assertThat(issue.message()).contains("Location filesystem:" + volume.dir() + " exists but holds no"
                    + " migrations").contains("2 applied migration(s) (latest V2)").contains("msr.locations");
        });
        assertThat(msr().info().issues()).filteredOn(Issue::isError).extracting(Issue::code)
                .containsExactly("LOCATION_EMPTY");
        assertThat(catchThrowableOfType(ValidationException.class, () -> msr().validate()).issues())
                .extracting(Issue::code).contains("LOCATION_EMPTY");
    }

    @Test
    void anEmptyLocationBesideOneThatProvidesTheWholeHistoryIsFine() throws IOException {
        volume.write(twoMigrations());
        Path optional = Files.createDirectories(dir.resolve("optional"));
        msr("filesystem:" + volume.dir(), "filesystem:" + optional).migrate();

        OperationResult again = msr("filesystem:" + volume.dir(), "filesystem:" + optional).migrate();

        assertThat(again.success()).isTrue();
        assertThat(msr("filesystem:" + volume.dir(), "filesystem:" + optional).info().issues()).isEmpty();
        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> msr("filesystem:" + optional).migrate());
        assertThat(error.issues()).extracting(Issue::code).containsExactly("LOCATION_EMPTY");
        assertThat(error.issues().get(0).message()).contains("filesystem:" + optional);
    }

    @Test
    void anEmptyMountOrTheAbsentDefaultLocationWithAnEmptyHistoryRunNothingAsBefore() {
        assertThat(msr().migrate().success()).isTrue();
        assertThat(msr().info().issues()).isEmpty();
        OperationResult defaults = Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(MsrSettings.builder().schema(schema).build()).build().migrate();
        assertThat(defaults.success()).isTrue();
        assertThat(defaults.executed()).isEmpty();
    }
}
