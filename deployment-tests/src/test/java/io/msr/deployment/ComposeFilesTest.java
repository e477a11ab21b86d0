package io.msr.deployment;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The compose files, validated against the Compose Specification's JSON schema, and the order they encode. */
class ComposeFilesTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    /**
     * Loads the vendored schema. It still marks its parts with the draft-04 keyword {@code id}, which the 2019-09
     * dialect it declares no longer knows; the validator would refuse it, so {@code id} is read as an annotation.
     */
    private static Schema schema() throws IOException {
        Dialect dialect = Dialect.builder(Dialects.getDraft201909()).keyword(new NonValidationKeyword("id")).build();
        try (InputStream in = ComposeFilesTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            return SchemaRegistry.withDefaultDialect(dialect).getSchema(in);
        }
    }

    private static List<Path> composeFiles() throws IOException {
        try (Stream<Path> files = Files.list(Repository.DOCKER)) {
            return files.filter(f -> f.getFileName().toString().matches("compose.*\\.ya?ml")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services(Path file) {
        Map<String, Object> compose = new Yaml().load(Repository.read(file));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    void everyComposeFileMatchesTheComposeSpecification() throws IOException {
        Schema schema = schema();
        List<Path> files = composeFiles();
        assertThat(files).extracting(f -> f.getFileName().toString())
                .contains("compose.yaml", "compose.scripts.yaml", "compose.dev.yaml");
        for (Path file : files) {
            List<Error> errors = schema.validate(Repository.read(file), InputFormat.YAML);
            assertThat(errors).as(file.getFileName() + ": " + errors).isEmpty();
        }
    }

    @Test
    void theSchemaRejectsWhatTheSpecificationDoesNotAllow() throws IOException {
        assertThat(schema().validate("services:\n  app:\n    image: x\n    restart_policy: always\n", InputFormat.YAML))
                .isNotEmpty();
        assertThat(schema().validate("services:\n  app:\n    image: x\n    depends_on:\n      db:\n"
                + "        condition: when_ready\n", InputFormat.YAML)).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void pattern1RunsMigrationsOnceBetweenAHealthyDatabaseAndTheApp() {
        Map<String, Object> services = services(Repository.DOCKER.resolve("compose.yaml"));
        Map<String, Object> migrations = (Map<String, Object>) services.get("migrations");
        Map<String, Object> app = (Map<String, Object>) services.get("app");
        assertThat(String.valueOf(migrations.get("command"))).contains("--msr.mode=migrate");
        assertThat(((Map<String, Map<String, Object>>) migrations.get("depends_on")).get("db"))
                .containsEntry("condition", "service_healthy");
        assertThat(migrations).containsEntry("restart", "on-failure");
        assertThat(((Map<String, Map<String, Object>>) app.get("depends_on")).get("migrations"))
                .containsEntry("condition", "service_completed_successfully");
        assertThat((Map<String, Object>) app.get("deploy")).containsEntry("replicas", 3);
        assertThat(String.valueOf(migrations.get("environment"))).contains("migration_user");
        assertThat(String.valueOf(app.get("environment"))).contains("app_user");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePostDeployMigrationsRunOnceEveryAppReplicaIsHealthy() {
        Map<String, Object> services = services(Repository.DOCKER.resolve("compose.yaml"));
        Map<String, Object> migrations = (Map<String, Object>) services.get("migrations");
        Map<String, Object> postDeploy = (Map<String, Object>) services.get("post-deploy-migrations");
        Map<String, Object> app = (Map<String, Object>) services.get("app");
        assertThat((List<String>) migrations.get("command")).as("the expand step: msr.phase's default")
                .containsExactly("--msr.mode=migrate");
        assertThat((List<String>) postDeploy.get("command"))
                .containsExactly("--msr.mode=migrate", "--msr.phase=post-deploy");
        assertThat(((Map<String, Map<String, Object>>) postDeploy.get("depends_on")).get("app"))
                .containsEntry("condition", "service_healthy");
        assertThat(app).as("service_healthy needs the app's healthcheck").containsKey("healthcheck");
        assertThat(postDeploy.get("environment")).isEqualTo(migrations.get("environment"));
        assertThat(postDeploy.get("image")).isEqualTo(migrations.get("image"));
        assertThat(postDeploy).containsEntry("restart", "on-failure");
        assertThat(String.valueOf(migrations.get("environment"))).contains("MSR_CONNECT_WAIT");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAppKeepsActuatorOnAnUnpublishedManagementPortAndRunsHardened() {
        Map<String, Object> services = services(Repository.DOCKER.resolve("compose.yaml"));
        Map<String, Object> app = (Map<String, Object>) services.get("app");
        assertThat((Map<String, Object>) app.get("environment")).containsEntry("MANAGEMENT_SERVER_PORT", 8081);
        assertThat((List<String>) app.get("ports")).containsExactly("8080-8082:8080");
        assertThat(String.valueOf(((Map<String, Object>) app.get("healthcheck")).get("test")))
                .contains("/dev/tcp/localhost/8081").contains("/actuator/health/readiness");
        for (String name : List.of("migrations", "app", "post-deploy-migrations")) {
            Map<String, Object> service = (Map<String, Object>) services.get(name);
            assertThat(service).as(name).containsEntry("read_only", true).containsEntry("tmpfs", List.of("/tmp"))
                    .containsEntry("cap_drop", List.of("ALL"));
        }
    }

    @Test
    void passwordsComeFromVariablesDocumentedInTheEnvExample() throws IOException {
        String example = Repository.read(Repository.DOCKER.resolve(".env.example"));
        for (Path file : composeFiles()) {
            String text = Repository.read(file);
            assertThat(text).as(file + " holds no literal password").doesNotContainPattern("PASSWORD: *[\"']?[A-Za-z0-9]");
            Matcher variables = VARIABLE.matcher(text);
            while (variables.find()) {
                assertThat(example).as(variables.group(1) + " in .env.example").contains(variables.group(1) + "=");
            }
        }
    }
}
