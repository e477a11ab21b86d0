package io.msr.sample;

import io.msr.test.PackagedJar;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials as files, the way k8s/ mounts the {@code db-credentials} Secret: a directory with one file per property
 * (a Spring config tree, {@code spring.config.import=configtree:<dir>/}) and no password in the environment or on the
 * command line. The migrations must run as the role the files name. (A local server that trusts its clients does not
 * check the password itself; the role and the history's {@code installed_by} show that the files were read.)
 */
class ConfigTreeCredentialsIT {

    private static final PackagedJar JAR = new PackagedJar(Path.of(System.getProperty("sample.app.jar")));
    private static final String PASSWORD = "tree-Secret-2718";

    /** A database and a role with a password that owns the migrations, both dropped afterwards. */
    private static final class Target implements AutoCloseable {
        final TestDatabase db = PostgresServer.shared().createDatabase();
        final String role = "config_tree_" + db.name().substring(db.name().lastIndexOf('_') + 1);

        Target() {
            db.execute("create role " + role + " login password '" + PASSWORD + "'");
            db.execute("grant all on database " + db.name() + " to " + role);
            db.execute("grant usage, create on schema public to " + role);
        }

        String host() {
            return db.server().host() + ":" + db.server().port() + "/" + db.name();
        }

        List<String> installedBy() {
            return db.queryForStrings("select distinct installed_by from msr_schema_history");
        }

        @Override
        public void close() {
            db.close();
            db.server().dropRole(role);
        }
    }

    private static PackagedJar.Run migrate(Map<String, String> files, String... args) throws IOException {
        Path tree = Files.createTempDirectory("msr-secrets");
        for (Map.Entry<String, String> file : files.entrySet()) {
            // As `kubectl create secret --from-file` often leaves it: a trailing newline, which the config tree trims.
            Files.writeString(tree.resolve(file.getKey()), file.getValue() + "\n");
        }
        List<String> all = new ArrayList<>(List.of("--msr.mode=migrate",
                "--spring.config.import=configtree:" + tree + "/"));
        all.addAll(List.of(args));
        return JAR.run(Map.of(), all);
    }

    @Test
    void theMigrationJobReadsDatabaseUrlFromTheFileTheManifestsMountTheSecretKeyAs() throws IOException {
        try (Target target = new Target()) {
            PackagedJar.Run run = migrate(Map.of("DATABASE_URL",
                    "postgres://" + target.role + ":" + PASSWORD + "@" + target.host()));
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(target.installedBy()).containsExactly(target.role);
            assertThat(run.output()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void msrsOwnUsernameAndPasswordComeFromFilesNamedAfterTheirProperties() throws IOException {
        try (Target target = new Target()) {
            PackagedJar.Run run = migrate(Map.of("msr.datasource.username", target.role,
                    "msr.datasource.password", PASSWORD), "--msr.datasource.url=jdbc:postgresql://" + target.host());
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(target.installedBy()).containsExactly(target.role);
            assertThat(run.output()).doesNotContain(PASSWORD);
        }
    }
}
