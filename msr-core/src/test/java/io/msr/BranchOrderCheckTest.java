package io.msr;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The branch order of the offline check, on a temporary git repository with a main branch and a feature branch. */
class BranchOrderCheckTest {

    @TempDir
    Path repo;
    private Path project;

    @BeforeEach
    void mainHoldsV1AndV5() throws Exception {
        project = repo.resolve("service");
        git("init", "-q", "-b", "main");
        write("V1__create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        // Already on main: the lint does not hold it against this branch.
        write("V5__email_required.up.sql", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n");
        git("add", ".");
        git("commit", "-q", "-m", "main");
        git("checkout", "-q", "-b", "feature");
    }

    private CheckResult check(String baseRef) {
        return Msr.check(new CheckSettings(MsrSettings.builder().locations("filesystem:src/main/resources/db/msr")
                .build(), project, baseRef, null));
    }

    @Test
    void aNewMigrationOlderThanTheNewestAtTheBaseRefIsAnErrorNamingBothFiles() throws Exception {
        write("V3__add_orders.up.sql", "CREATE TABLE orders (id bigint);\n");
        write("V6__add_invoices.up.sql", "CREATE TABLE invoices (id bigint);\n");

        CheckResult result = check("main");

        assertThat(result.errors()).hasSize(1).first().satisfies(error -> {
            assertThat(error.code()).isEqualTo("BRANCH_ORDER");
            assertThat(error.script()).isEqualTo("service/src/main/resources/db/msr/V3__add_orders.up.sql");
            assertThat(error.message()).contains("V3", "service/src/main/resources/db/msr/V3__add_orders.up.sql",
                    "V5", "service/src/main/resources/db/msr/V5__email_required.up.sql", "main");
        });
        assertThat(result.warnings()).isEmpty();
        assertThat(result.checked()).isEqualTo(2);
        assertThat(result.migrations()).isEqualTo(4);
    }

    @Test
    void onlyFilesNewOrChangedSinceTheBaseRefAreLinted() throws Exception {
        write("V6__drop_email.up.sql", "ALTER TABLE users DROP COLUMN email;\n");
        assertThat(check("main").findings()).extracting(Issue::code).containsExactly("LINT_DROP_COLUMN");
        assertThat(check(null).findings()).extracting(Issue::code)
                .containsExactlyInAnyOrder("LINT_DROP_COLUMN", "LINT_SET_NOT_NULL");

        write("V5__email_required.up.sql", "-- edited\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n");
        assertThat(check("main").findings()).extracting(Issue::code, Issue::line)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("LINT_DROP_COLUMN", 1),
                        org.assertj.core.groups.Tuple.tuple("LINT_SET_NOT_NULL", 2));
    }

    @Test
    void anUnknownRefOrNoRepositoryIsAClearError() throws IOException {
        assertThatThrownBy(() -> check("origin/nope")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("origin/nope is not known to git").hasMessageContaining("fetch");

        Path outside = Files.createTempDirectory("msr-no-git");
        try {
            assertThatThrownBy(() -> Msr.check(new CheckSettings(MsrSettings.builder().locations("filesystem:.")
                    .build(), outside, "main", null))).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("not inside a git repository");
        } finally {
            Files.delete(outside);
        }
    }

    private void write(String name, String sql) throws IOException {
        Path file = project.resolve("src/main/resources/db/msr").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=MSR", "-c", "user.email=msr@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
