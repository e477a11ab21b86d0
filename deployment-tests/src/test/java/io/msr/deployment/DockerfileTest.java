package io.msr.deployment;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Dockerfile's structure: no engine runs here to build it, so its rules are checked as text. */
class DockerfileTest {

    private static final String DOCKERFILE = Repository.read(Repository.DOCKER.resolve("Dockerfile"));

    private static List<String> instructions(String keyword) {
        return Arrays.stream(DOCKERFILE.split("\n")).map(String::strip).filter(line -> line.startsWith(keyword + " "))
                .toList();
    }

    @Test
    void buildsWithTheJdkAndRunsOnAJre() {
        List<String> stages = instructions("FROM");
        assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
        assertThat(stages.get(0)).contains("jdk");
        assertThat(stages.get(stages.size() - 1)).contains("jre");
        assertThat(DOCKERFILE).contains("./mvnw").contains("jarmode=tools");
    }

    @Test
    void copiesThePomOfEveryModuleButBuildsTheImageFromTheProductionJarOnly() {
        String pom = Repository.read(Repository.ROOT.resolve("pom.xml"));
        Matcher block = Pattern.compile("(?s)<modules>(.*?)</modules>").matcher(pom);
        assertThat(block.find()).isTrue();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(block.group(1));
        List<String> copies = instructions("COPY");
        while (module.find()) {
            String name = module.group(1);
            // Maven refuses to start when a module the parent lists has no pom.
            assertThat(copies).as("a COPY of %s or its pom", name).anyMatch(copy ->
                    copy.equals("COPY " + name + " " + name) || copy.startsWith("COPY " + name + "/pom.xml "));
        }
        // sample-app-local.jar carries an embedded PostgreSQL for every platform; the image is sample-app.jar's.
        assertThat(copies).noneMatch(copy -> copy.startsWith("COPY sample-app-local "));
        assertThat(DOCKERFILE).contains("-pl sample-app -am").contains("-jar sample-app/target/sample-app.jar extract");
    }

    @Test
    void copiesSpringBootLayersFromTheLeastToTheMostChanging() {
        int dependencies = DOCKERFILE.indexOf("dependencies/");
        int loader = DOCKERFILE.indexOf("spring-boot-loader/");
        int snapshots = DOCKERFILE.indexOf("snapshot-dependencies/");
        int application = DOCKERFILE.indexOf("application/");
        assertThat(dependencies).isPositive().isLessThan(loader);
        assertThat(loader).isLessThan(snapshots);
        assertThat(snapshots).isLessThan(application);
    }

    @Test
    void aJobWhoseHeapRunsOutLivesToWriteItsSummary() {
        // -XX:+ExitOnOutOfMemoryError would end the JVM before the one-shot run reports the migration in progress.
        assertThat(instructions("ENTRYPOINT")).singleElement().asString().doesNotContain("ExitOnOutOfMemoryError");
        assertThat(Repository.read(Repository.DOCKER.resolve("migrate.sh"))).doesNotContain("ExitOnOutOfMemoryError");
    }

    @Test
    void startsFromAClassDataSharingArchiveTrainedAtBuildTime() {
        assertThat(instructions("RUN")).anySatisfy(run -> assertThat(run).contains("-XX:ArchiveClassesAtExit=sample-app.jsa"));
        assertThat(DOCKERFILE).contains("-Dspring.context.exit=onRefresh");
        assertThat(instructions("ENTRYPOINT")).singleElement().asString()
                .contains("-XX:SharedArchiveFile=sample-app.jsa");
        assertThat(Repository.read(Repository.DOCKER.resolve("migrate.sh"))).contains("-XX:SharedArchiveFile=sample-app.jsa");
        assertThat(Repository.read(Repository.DOCKER.resolve("start.sh"))).contains("-XX:SharedArchiveFile=sample-app.jsa");
    }

    @Test
    void runsAsANonRootUserWithoutSecretsAndNeverMigratesFromTheEntrypoint() {
        List<String> users = instructions("USER");
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).doesNotContain("root").matches("USER [0-9]+(:[0-9]+)?");
        assertThat(instructions("ENTRYPOINT")).singleElement().asString().contains("\"-jar\", \"sample-app.jar\"")
                .doesNotContain("migrate");
        assertThat(instructions("CMD")).noneMatch(cmd -> cmd.contains("msr.mode=migrate"));
        assertThat(instructions("ENV")).noneMatch(env -> env.toUpperCase().contains("PASSWORD"));
        assertThat(instructions("ARG")).noneMatch(arg -> arg.toUpperCase().contains("PASSWORD"));
    }
}
