package io.msr.internal.source;

import io.msr.Version;
import io.msr.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationResolverTest {

    @TempDir
    Path root;

    private MigrationResolver.Resolution resolve(String... files) throws IOException {
        for (int i = 0; i < files.length; i += 2) {
            Path file = root.resolve(files[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, files[i + 1]);
        }
        return new MigrationResolver(getClass().getClassLoader()).resolve(List.of("filesystem:" + root), List.of());
    }

    private static List<String> codes(MigrationResolver.Resolution resolution) {
        return resolution.issues().stream().map(issue -> issue.severity() + " " + issue.code()).toList();
    }

    @Test
    void warnsAboutAFolderOfGolangMigrateFilesWithTheirCountAndTheExpectedLayout() throws IOException {
        MigrationResolver.Resolution resolution = resolve("1_init.up.sql", "create table a (id int);",
                "1_init.down.sql", "drop table a;", "2_users.up.sql", "create table b (id int);");
        assertThat(resolution.migrations()).isEmpty();
        assertThat(resolution.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Issue.Severity.WARNING);
            assertThat(issue.code()).isEqualTo("NO_MIGRATION_NAMES");
            assertThat(issue.message()).contains("holds 3 .sql file(s)").contains("1_init.down.sql")
                    .contains(SqlFileName.PATTERN);
        });
    }

    @Test
    void aFolderOfFlywayFilesKeepsItsDidYouMeanErrorsAndIsCountedToo() throws IOException {
        MigrationResolver.Resolution resolution = resolve("V1__init.sql", "create table a (id int);");
        assertThat(codes(resolution)).containsExactly("ERROR MALFORMED_NAME", "WARNING NO_MIGRATION_NAMES");
        assertThat(resolution.issues().get(0).message()).contains("did you mean V1_init.up.sql?");
    }

    @Test
    void foreignFilesNextToMsrMigrationsAreIgnoredAsBefore() throws IOException {
        MigrationResolver.Resolution resolution = resolve("V1_init.up.sql", "select 1;", "seed_data.sql", "select 2;");
        assertThat(resolution.migrations()).hasSize(1);
        assertThat(resolution.issues()).isEmpty();
    }

    @Test
    void aFileWithOnlyCommentsIsANoOpMigrationWithAWarningNamingIt() throws IOException {
        MigrationResolver.Resolution resolution = resolve("V1_placeholder.up.sql", "-- nothing yet\n/* later */\n",
                "V2_empty.up.sql", "");
        assertThat(resolution.migrations()).extracting(ResolvedMigration::version).containsExactly(Version.of(1L), Version.of(2L));
        assertThat(resolution.migrations().get(0).up().statements()).isEmpty();
        assertThat(resolution.issues()).hasSize(2).allSatisfy(issue -> {
            assertThat(issue.severity()).isEqualTo(Issue.Severity.WARNING);
            assertThat(issue.code()).isEqualTo("EMPTY_SCRIPT");
        });
        assertThat(resolution.issues().get(0).message()).contains("V1_placeholder.up.sql").contains("no-op");
    }

    @Test
    void aDownFileWithAnotherDescriptionPairsWithItsUpByVersionWithAWarning() throws IOException {
        MigrationResolver.Resolution resolution = resolve("V1_create_users.up.sql", "create table u (id int);",
                "V1_users.down.sql", "drop table u;");
        assertThat(resolution.migrations()).singleElement()
                .satisfies(migration -> assertThat(migration.hasDown()).isTrue());
        assertThat(resolution.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Issue.Severity.WARNING);
            assertThat(issue.code()).isEqualTo("DOWN_DESCRIPTION_DIFFERS");
            assertThat(issue.message()).contains("V1_users.down.sql").contains("V1_create_users.down.sql");
        });
    }

    @Test
    void aDownFileOfTheSameDescriptionWinsAndAnotherOfTheSameVersionIsAnOrphan() throws IOException {
        MigrationResolver.Resolution resolution = resolve("V1_a.up.sql", "select 1;", "V1_a.down.sql", "select 1;",
                "V1_b.down.sql", "select 1;");
        assertThat(codes(resolution)).containsExactly("ERROR DOWN_WITHOUT_UP");
        assertThat(resolution.issues().get(0).message()).contains("V1_b.down.sql");
    }

    @Test
    void aDownFileInAnotherFolderStillHasNoUp() throws IOException {
        MigrationResolver.Resolution resolution = resolve("a/V1_a.up.sql", "select 1;", "b/V1_a.down.sql", "select 1;");
        assertThat(codes(resolution)).containsExactly("ERROR DOWN_WITHOUT_UP");
    }
}
