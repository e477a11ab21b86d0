package io.msr;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The offline check over a folder, with no database: what it finds, where, and how it is written out. */
class MigrationCheckTest {

    @TempDir
    Path project;

    private CheckResult check(MsrSettings.Builder settings) {
        return Msr.check(new CheckSettings(settings.locations("filesystem:db/msr").build(), project, null, null));
    }

    private void write(String name, String sql) throws IOException {
        Path file = project.resolve("db/msr").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    @Test
    void aCleanFolderPasses() throws IOException {
        write("V1__create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        write("V1__create_users.down.sql", "DROP TABLE users;\n");

        CheckResult result = check(MsrSettings.builder());

        assertThat(result.findings()).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(result.exitCode()).isEqualTo(ExitCode.SUCCESS);
        assertThat(CheckFormat.TEXT.render(result)).isEqualTo("MSR check passed: 0 errors, 0 warnings in 1 migrations.\n");
    }

    @Test
    void reportsNamingDuplicatesPlaceholdersAndTheLintWithFileAndLine() throws IOException {
        write("V1__create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        write("V2__email_required.up.sql", "-- why\n\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n");
        write("V2__again.up.sql", "SELECT 1;\n");
        write("V3_bad name.up.sql", "SELECT 1;\n");
        write("V4__grant.up.sql", "SELECT 1;\nGRANT SELECT ON users TO ${reader};\n");

        CheckResult result = check(MsrSettings.builder());

        assertThat(result.passed()).isFalse();
        assertThat(result.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(result.findings()).extracting(Issue::code, Issue::script, Issue::line)
                .contains(org.assertj.core.groups.Tuple.tuple("MALFORMED_NAME", "db/msr/V3_bad name.up.sql", null),
                        org.assertj.core.groups.Tuple.tuple("DUPLICATE_VERSION", "db/msr/V2__email_required.up.sql", null),
                        org.assertj.core.groups.Tuple.tuple("UNKNOWN_PLACEHOLDER", "db/msr/V4__grant.up.sql", 2),
                        org.assertj.core.groups.Tuple.tuple("LINT_SET_NOT_NULL", "db/msr/V2__email_required.up.sql", 3));
        assertThat(CheckFormat.TEXT.render(result))
                .contains("WARNING LINT_SET_NOT_NULL db/msr/V2__email_required.up.sql:3: ",
                        "ERROR MALFORMED_NAME db/msr/V3_bad name.up.sql: File db/msr/V3_bad name.up.sql is not a valid")
                .endsWith("MSR check failed: 3 errors, 1 warning in 4 migrations.\n");
    }

    @Test
    void reportsPsqlMetaCommandsAndCopyFromStdinWithFileAndLine() throws IOException {
        write("V1__vars.up.sql", "CREATE TABLE users (id bigint);\n\\set owner app\n");
        write("V2__seed.up.sql", "-- seed\nCOPY users (id) FROM stdin;\n1\n\\.\n");

        CheckResult result = check(MsrSettings.builder());

        assertThat(result.exitCode()).isEqualTo(ExitCode.VALIDATION);
        assertThat(result.findings()).extracting(Issue::code, Issue::script, Issue::line)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("PSQL_COMMAND", "db/msr/V1__vars.up.sql", 2),
                        org.assertj.core.groups.Tuple.tuple("PSQL_COMMAND", "db/msr/V2__seed.up.sql", 2));
        assertThat(CheckFormat.TEXT.render(result)).contains("psql meta-command \\set is not SQL")
                .contains("COPY ... FROM STDIN needs psql");
    }

    @Test
    void strictTurnsWarningsIntoErrorsAndDisabledRulesAreLeftOut() throws IOException {
        write("V1__create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        write("V2__email_required.up.sql", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n");

        assertThat(check(MsrSettings.builder()).passed()).isTrue();
        assertThat(check(MsrSettings.builder().strict(true)).errors()).extracting(Issue::code)
                .containsExactly("LINT_SET_NOT_NULL");
        assertThat(check(MsrSettings.builder().strict(true).lintDisabledRules(java.util.Set.of("set-not-null")))
                .findings()).isEmpty();
        assertThat(check(MsrSettings.builder().downPolicy(DownPolicy.REQUIRED)).errors())
                .extracting(Issue::code).containsOnly("MISSING_DOWN").hasSize(2);
        assertThatThrownBy(() -> check(MsrSettings.builder().lintDisabledRules(java.util.Set.of("no-such-rule"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no-such-rule");
    }

    @Test
    void sarifOutputIsValidSarif210() throws IOException {
        write("V1__create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        write("V2__email_required.up.sql", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n");
        write("V3_bad.up.sql", "SELECT 1;\n");
        write("V4__grant.up.sql", "GRANT SELECT ON users TO ${reader};\n");
        CheckResult result = check(MsrSettings.builder().locations("filesystem:db/msr", "filesystem:missing"));
        String sarif = CheckFormat.SARIF.render(result);

        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in, InputFormat.JSON);
        }
        assertThat(schema.validate(sarif, InputFormat.JSON)).isEmpty();
        assertThat(sarif).contains("\"version\":\"2.1.0\"", "\"ruleId\":\"LINT_SET_NOT_NULL\"",
                "\"uri\":\"db/msr/V2__email_required.up.sql\"", "\"startLine\":1", "\"level\":\"error\"");
        // A schema that accepts anything would prove nothing.
        assertThat(schema.validate("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[]}]}", InputFormat.JSON)).isNotEmpty();
    }

    @Test
    void jsonAndGithubFormats() throws IOException {
        write("V1__create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        write("V2__email_required.up.sql", "\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n");
        CheckResult result = check(MsrSettings.builder());

        assertThat(CheckFormat.JSON.render(result)).startsWith("{\"passed\":true,\"errors\":0,\"warnings\":1,"
                + "\"migrations\":2,\"checked\":2,\"baseRef\":null,\"findings\":[{\"severity\":\"WARNING\","
                + "\"code\":\"LINT_SET_NOT_NULL\",\"message\":\"Migration V2 (V2__email_required.up.sql, line 2)");
        assertThat(CheckFormat.GITHUB.render(result)).startsWith("::warning file=db/msr/V2__email_required.up.sql,"
                + "line=2,title=MSR LINT_SET_NOT_NULL::Migration V2");
        assertThat(CheckFormat.of("Sarif")).isEqualTo(CheckFormat.SARIF);
        assertThatThrownBy(() -> CheckFormat.of("xml")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void classpathLocationsAreCheckedToo() {
        CheckResult result = Msr.check(CheckSettings.of(MsrSettings.builder().locations("classpath:db/check-none")
                .build()));
        assertThat(result.errors()).extracting(Issue::code).containsExactly("LOCATION_MISSING");
        assertThat(result.migrations()).isZero();
    }
}
