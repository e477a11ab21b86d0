package io.msr.maven;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real Maven build of a tiny project that runs the packaged plugin: the plugin, msr-core and the parent POM are
 * put in a local repository of its own under target/ (the user's repository is only read, as a mirror), so nothing
 * is installed anywhere else.
 */
class CheckGoalIT {

    private static final String VERSION = System.getProperty("msr.version");
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path TARGET = MODULE.resolve("target");

    @Test
    void aBuildFailsOnErrorsWithGithubAnnotationsNamingFileAndLine() throws Exception {
        Path repo = TARGET.resolve("it-repo");
        install(repo, "msr-maven-plugin", TARGET.resolve("msr-maven-plugin-" + VERSION + ".jar"), MODULE.resolve("pom.xml"));
        install(repo, "msr-core", MODULE.resolveSibling("msr-core/target/msr-core-" + VERSION + ".jar"),
                MODULE.resolveSibling("msr-core/pom.xml"));
        install(repo, "msr-parent", null, MODULE.resolveSibling("pom.xml"));
        Path project = TARGET.resolve("it/check-project");
        copy(MODULE.resolve("src/it/check-project"), project);
        Files.createDirectories(project.resolve(".mvn"));
        Path settings = TARGET.resolve("it/settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>user-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(Path.of(System.getProperty("msr.main.repo")).toUri()));

        Path log = TARGET.resolve("it/build.log");
        Process maven = new ProcessBuilder(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(), "-B",
                "-s", settings.toString(), "-Dmaven.repo.local=" + repo,
                "io.msr:msr-maven-plugin:" + VERSION + ":check", "-Dmsr.check.format=github", "-Dmsr.strict=true")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(maven.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(log);

        // Files are named relative to the enclosing git repository, as code scanning wants them: here, this one.
        String prefix = repositoryRelative(project);
        assertThat(maven.exitValue()).as(output).isNotZero();
        assertThat(output.lines()).contains(
                "::error file=" + prefix + "src/main/resources/db/msr/V3 bad name.up.sql,title=MSR MALFORMED_NAME::File "
                        + prefix + "src/main/resources/db/msr/V3 bad name.up.sql is not a valid migration name: its description"
                        + " may only contain letters, digits and _. Expected V<version>_<description>.up.sql (or"
                        + " .down.sql), e.g. V202601150930_create_users.up.sql (msr.naming=msr); did you mean"
                        + " V3_bad_name.up.sql?");
        assertThat(output.lines().filter(line -> line.startsWith("::error file=" + prefix + "src/main/resources/db/msr/"
                + "V2_email_required.up.sql,line=2,title=MSR LINT_SET_NOT_NULL::"))).hasSize(1);
        assertThat(output).contains("MSR check failed: 2 errors, 0 warnings in 2 migrations.", "BUILD FAILURE");
    }

    private static String repositoryRelative(Path project) {
        for (Path dir = project; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir.relativize(project).toString().replace('\\', '/') + "/";
            }
        }
        return "";
    }

    private static void install(Path repo, String artifactId, Path jar, Path pom) throws IOException {
        Path folder = repo.resolve("io/msr/" + artifactId + "/" + VERSION);
        Files.createDirectories(folder);
        Files.copy(pom, folder.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, folder.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

}
