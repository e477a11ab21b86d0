package io.msr.internal.source;

import io.msr.Version;
import io.msr.Direction;
import io.msr.Issue;
import io.msr.MigrationNaming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Both layouts of msr.naming: what each parses, suggests and reports about the other's files. */
class MigrationNamingTest {

    private static final FileNaming GOLANG = FileNaming.of(MigrationNaming.GOLANG_MIGRATE);
    private static final FileNaming MSR = FileNaming.of(MigrationNaming.MSR);

    @TempDir
    Path dir;

    @Test
    void golangMigrateNamesParseWithoutTheVAndWithLeadingZeros() {
        assertThat(GOLANG.parse("000001_create_users.up.sql"))
                .isEqualTo(new SqlFileName.Valid(Version.of(1), "create users", Direction.UP));
        assertThat(GOLANG.parse("202601150930_create-users.down.sql"))
                .isEqualTo(new SqlFileName.Valid(Version.of(202601150930L), "create-users", Direction.DOWN));
    }

    @Test
    void msrNamesStillNeedTheV() {
        assertThat(MSR.parse("V3_add_index.up.sql")).isEqualTo(new SqlFileName.Valid(Version.of(3), "add index", Direction.UP));
        assertThat(MSR.parse("3_add_index.up.sql")).isInstanceOf(SqlFileName.Ignored.class);
    }

    @Test
    void golangMigrateLayoutIgnoresMsrNamesAndOtherFiles() {
        assertThat(GOLANG.parse("V1_init.up.sql")).isInstanceOf(SqlFileName.Ignored.class);
        assertThat(GOLANG.parse("seed.sql")).isInstanceOf(SqlFileName.Ignored.class);
    }

    @Test
    void aBrokenGolangMigrateNameIsMalformedAndSuggestsTheGolangMigrateName() {
        assertThat(GOLANG.parse("0001__init.sql")).isEqualTo(new SqlFileName.Malformed(
                "it does not end in .up.sql or .down.sql", "1_init.up.sql"));
        assertThat(GOLANG.parse("7_add users.down.sql")).isEqualTo(new SqlFileName.Malformed(
                "its description may only contain letters, digits, _ and -", "7_add_users.down.sql"));
        assertThat(GOLANG.parse("0_init.up.sql")).isInstanceOf(SqlFileName.Malformed.class);
        assertThat(GOLANG.parse("12345678901234567890_x.up.sql")).isInstanceOf(SqlFileName.Malformed.class);
    }

    @Test
    void aGolangMigrateFolderUnderMsrNamingIsReportedNamingTheSettingToUse() throws IOException {
        write("1_init.up.sql", "2_users.up.sql");
        List<Issue> issues = resolve(MigrationNaming.MSR).issues();
        assertThat(issues).singleElement().satisfies(issue -> assertThat(issue.message())
                .contains("none is named for msr.naming=msr").contains("set msr.naming=golang-migrate"));
    }

    @Test
    void anMsrFolderUnderGolangMigrateNamingIsReportedNamingTheSettingToUse() throws IOException {
        write("V1_init.up.sql");
        assertThat(resolve(MigrationNaming.GOLANG_MIGRATE).issues()).singleElement().satisfies(issue -> assertThat(
                issue.message()).contains("none is named for msr.naming=golang-migrate").contains("set msr.naming=msr"));
    }

    @Test
    void anMsrFileAmongGolangMigrateFilesIsAWarningNamingBothLayouts() throws IOException {
        write("1_init.up.sql", "V2_users.up.sql");
        MigrationResolver.Resolution resolution = resolve(MigrationNaming.GOLANG_MIGRATE);
        assertThat(resolution.migrations()).extracting(ResolvedMigration::version).containsExactly(Version.of(1L));
        assertThat(resolution.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo("MIXED_NAMING");
            assertThat(issue.message()).contains("named for msr.naming=msr").contains("V2_users.up.sql")
                    .contains("msr.naming=golang-migrate never runs");
        });
    }

    @Test
    void aMalformedNameNamesTheActiveLayoutInItsHint() throws IOException {
        write("1__init.sql");
        assertThat(resolve(MigrationNaming.GOLANG_MIGRATE).issues()).anySatisfy(issue -> assertThat(issue.message())
                .contains("(msr.naming=golang-migrate); did you mean 1_init.up.sql?"));
    }

    private void write(String... names) throws IOException {
        for (String name : names) {
            Files.writeString(dir.resolve(name), "select 1;");
        }
    }

    private MigrationResolver.Resolution resolve(MigrationNaming naming) {
        return new MigrationResolver(getClass().getClassLoader()).resolve(List.of("filesystem:" + dir), List.of(),
                naming);
    }
}
