package io.msr.maven;

import io.msr.CheckFormat;
import io.msr.CheckResult;
import io.msr.CheckSettings;
import io.msr.DownPolicy;
import io.msr.MigrationNaming;
import io.msr.Msr;
import io.msr.MsrException;
import io.msr.MsrSettings;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the project's MSR migrations without a database: file names in the layout of {@code naming}, duplicate
 * versions, directives, placeholders without a value, the down policy and the zero-downtime lint, and, with
 * {@code baseRef}, that migrations new on this branch are newer than every migration at that git ref. Fails the build
 * on errors, and on warnings with {@code strict}. {@code classpath:} locations are read from {@code src/main/resources}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public final class CheckMojo extends AbstractMojo {

    /** The project folder. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /** Where the migrations are: {@code classpath:db/msr} (read from src/main/resources) or {@code filesystem:path}. */
    @Parameter(property = "msr.locations", defaultValue = "classpath:db/msr")
    List<String> locations;

    /** The file name layout, as {@code msr.naming}: msr, flyway or golang-migrate. */
    @Parameter(property = "msr.naming", defaultValue = "msr")
    String naming;

    /** Fail on warnings too (lint findings among them), as {@code msr.strict}. */
    @Parameter(property = "msr.strict", defaultValue = "false")
    boolean strict;

    /** Lint rules to leave out, as {@code msr.lint.disabled-rules}. */
    @Parameter(property = "msr.lint.disabled-rules")
    List<String> disabledRules;

    /** Style rules to turn on (they are off by default), as {@code msr.lint.enabled-rules}. */
    @Parameter(property = "msr.lint.enabled-rules")
    List<String> enabledRules;

    /**
     * The PostgreSQL major version the lint assumes, as {@code msr.lint.postgres-version}; by default the newest the
     * rules know.
     */
    @Parameter(property = "msr.lint.postgres-version")
    Integer postgresVersion;

    /** Run the lint at all, as {@code msr.lint.enabled}. */
    @Parameter(property = "msr.lint.enabled", defaultValue = "true")
    boolean lint;

    /** Whether a migration needs a down migration, as {@code msr.down-policy}: optional, recommended or required. */
    @Parameter(property = "msr.down-policy", defaultValue = "optional")
    String downPolicy;

    /** The placeholders that have a value at run time (their values do not matter here), as {@code msr.placeholders}. */
    @Parameter
    Map<String, String> placeholders;

    /** Replace {@code ${...}} placeholders at all, as {@code msr.placeholder-replacement}. */
    @Parameter(property = "msr.placeholder-replacement", defaultValue = "true")
    boolean placeholderReplacement;

    /**
     * A git ref such as {@code origin/main}: migrations new on this branch must be newer than every migration at the
     * ref, and only files new or changed since the ref are linted and held to the down policy.
     */
    @Parameter(property = "msr.check.baseRef")
    String baseRef;

    /** The output: text (default), json, sarif (SARIF 2.1.0, for code scanning) or github (workflow annotations). */
    @Parameter(property = "msr.check.format", defaultValue = "text")
    String format;

    /** Write the output to this file instead of the console (a summary is still logged). */
    @Parameter(property = "msr.check.outputFile")
    File outputFile;

    /** Skip the check. */
    @Parameter(property = "msr.check.skip", defaultValue = "false")
    boolean skip;

    /** Where output without {@link #outputFile} goes; GitHub reads workflow commands only at the start of a line. */
    PrintStream console = System.out;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("MSR check skipped.");
            return;
        }
        CheckFormat output;
        CheckResult result;
        try {
            output = CheckFormat.of(format);
            result = Msr.check(new CheckSettings(settings(), basedir.toPath(), baseRef, getClass().getClassLoader()));
        } catch (MsrException | IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        String rendered = output.render(result);
        if (outputFile != null) {
            try {
                Path file = outputFile.toPath();
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoExecutionException("Could not write " + outputFile + ": " + e.getMessage(), e);
            }
            getLog().info("MSR check " + output + " output written to " + outputFile);
        }
        if (outputFile == null && output != CheckFormat.TEXT) {
            console.print(rendered);
            console.flush();
        } else {
            result.findings().forEach(finding -> {
                String line = finding.code() + (finding.script() == null ? "" : " " + finding.script()
                        + (finding.line() == null ? "" : ":" + finding.line())) + ": " + finding.message();
                if (finding.isError()) {
                    getLog().error(line);
                } else {
                    getLog().warn(line);
                }
            });
        }
        getLog().info(CheckFormat.summary(result));
        if (!result.passed()) {
            throw new MojoFailureException(CheckFormat.summary(result) + " See the findings above"
                    + (outputFile == null ? "." : " and in " + outputFile + "."));
        }
    }

    MsrSettings settings() {
        List<String> resolved = new ArrayList<>();
        for (String location : locations == null || locations.isEmpty() ? List.of("classpath:db/msr") : locations) {
            String text = location.strip();
            if (text.startsWith("classpath:") || !text.contains(":")) {
                // The build checks the sources: what the jar will hold at classpath:db/msr is in src/main/resources.
                String path = text.startsWith("classpath:") ? text.substring("classpath:".length()) : text;
                resolved.add("filesystem:src/main/resources/" + path.replaceAll("^/+", ""));
            } else {
                resolved.add(text);
            }
        }
        return MsrSettings.builder().locations(resolved).naming(enumValue(MigrationNaming.class, naming, "naming"))
                .strict(strict).lintEnabled(lint)
                .lintDisabledRules(new HashSet<>(disabledRules == null ? List.of() : disabledRules))
                .lintEnabledRules(new HashSet<>(enabledRules == null ? List.of() : enabledRules))
                .lintPostgresVersion(postgresVersion)
                .downPolicy(enumValue(DownPolicy.class, downPolicy, "downPolicy"))
                .placeholders(placeholders == null ? Map.of() : placeholders)
                .placeholderReplacement(placeholderReplacement).build();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String parameter) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        List<String> valid = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            valid.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new IllegalArgumentException("Unknown " + parameter + " '" + value + "': use one of " + valid + ".");
    }
}
