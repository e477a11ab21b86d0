package io.msr.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check goal with its parameters set as Maven sets them, over a project folder. */
class CheckMojoTest {

    @TempDir
    Path project;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private CheckMojo mojo() {
        CheckMojo mojo = new CheckMojo();
        mojo.basedir = project.toFile();
        mojo.locations = List.of("classpath:db/msr");
        mojo.naming = "msr";
        mojo.downPolicy = "optional";
        mojo.lint = true;
        mojo.placeholderReplacement = true;
        mojo.format = "text";
        mojo.console = new PrintStream(console, true, StandardCharsets.UTF_8);
        return mojo;
    }

    private void write(String name, String sql) throws IOException {
        Path file = project.resolve("src/main/resources/db/msr").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    @Test
    void passesOnACleanFolderReadFromTheSourcesOfTheClasspathLocation() throws Exception {
        write("V1_create_users.up.sql", "create table users (id bigint primary key, email text);\n");
        write("V2_email_required.up.sql", "alter table users alter column email set not null;\n");

        mojo().execute();

        CheckMojo strict = mojo();
        strict.strict = true;
        assertThatThrownBy(strict::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("MSR check failed: 1 error");
        strict.disabledRules = List.of("set-not-null");
        strict.execute();
    }

    @Test
    void failsOnErrorsAndWritesSarifToTheOutputFile() throws Exception {
        write("V1_create users.up.sql", "create table users (id bigint primary key);\n");
        CheckMojo mojo = mojo();
        mojo.format = "sarif";
        mojo.outputFile = project.resolve("target/msr.sarif").toFile();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("1 error").hasMessageContaining("msr.sarif");
        assertThat(Files.readString(project.resolve("target/msr.sarif"))).contains("\"version\":\"2.1.0\"",
                "\"ruleId\":\"MALFORMED_NAME\"", "\"uri\":\"src/main/resources/db/msr/V1_create users.up.sql\"");
    }

    @Test
    void githubAnnotationsGoToTheConsoleAtTheStartOfALine() throws Exception {
        write("V1_grant.up.sql", "select 1;\ngrant select on users to ${reader};\n");
        CheckMojo mojo = mojo();
        mojo.format = "github";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);
        assertThat(console.toString(StandardCharsets.UTF_8)).startsWith(
                "::error file=src/main/resources/db/msr/V1_grant.up.sql,line=2,title=MSR UNKNOWN_PLACEHOLDER::");

        mojo.placeholders = java.util.Map.of("reader", "");
        mojo.execute();
    }

    @Test
    void badParametersAreConfigurationErrors() {
        CheckMojo format = mojo();
        format.format = "xml";
        assertThatThrownBy(format::execute).isInstanceOf(MojoExecutionException.class).hasMessageContaining("xml");
        CheckMojo naming = mojo();
        naming.naming = "liquibase";
        assertThatThrownBy(naming::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("golang-migrate");
        CheckMojo rule = mojo();
        rule.disabledRules = List.of("no-such-rule");
        assertThatThrownBy(rule::execute).isInstanceOf(MojoExecutionException.class).hasMessageContaining("no-such-rule");
    }
}
