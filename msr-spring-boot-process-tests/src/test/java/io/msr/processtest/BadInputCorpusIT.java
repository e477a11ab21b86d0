package io.msr.processtest;

import io.msr.LockStatus;
import io.msr.Msr;
import io.msr.MsrException;
import io.msr.MsrSettings;
import io.msr.test.PackagedJar;
import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus: for every case, the packaged app run as a migrate Job must exit with the documented
 * code, print one clear message naming what is at fault, leave the schema unchanged, and never show the
 * password (nor a case's {@code secret}): not in its output, its summary file or its termination message.
 */
class BadInputCorpusIT {

    private static final PackagedJar APP = new PackagedJar(Path.of(System.getProperty("process.test.jar")));
    private static final Path CORPUS = Path.of("src/test/resources/bad-input");

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> everyCaseExitsWithItsCodeAndMessageAndChangesNothing() throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(CORPUS)) {
            folders = list.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList();
        }
        assertThat(folders).hasSizeGreaterThanOrEqualTo(30);
        // -Dcorpus.cases=<regex> runs only the cases whose folder name matches, while one case is being written.
        String only = System.getProperty("corpus.cases");
        if (only != null && !only.isBlank()) {
            folders = folders.stream().filter(folder -> folder.getFileName().toString().matches(only)).toList();
        }
        return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(),
                () -> check(BadInputCase.load(folder))));
    }

    private void check(BadInputCase corpusCase) throws Exception {
        TestDatabase db = PostgresServer.shared().createDatabase();
        String password = "Corpus-S3cret-" + corpusCase.name().substring(0, 2);
        Path migrations = copy(corpusCase.folder().resolve("migrations"), work.resolve(corpusCase.name()));
        generate(corpusCase.generate(), migrations);
        Path summary = work.resolve(corpusCase.name() + "-summary.json");
        Path termination = work.resolve(corpusCase.name() + "-termination-log");
        Path other = work.resolve(corpusCase.name() + "-other-file");
        if (corpusCase.symlinkedResultFiles()) {
            Files.writeString(other, "another file");
            Files.createSymbolicLink(summary, other);
            Files.createSymbolicLink(termination, other);
        } else {
            Files.createFile(termination);
        }
        Connection lockHolder = null;
        try {
            if (corpusCase.setupSql() != null) {
                db.execute(corpusCase.setupSql());
            }
            Path setup = corpusCase.folder().resolve("setup");
            if (Files.isDirectory(setup)) {
                try {
                    msr(db, "filesystem:" + setup).migrate();
                } catch (MsrException expected) {
                    // Some cases need a failed migration in history.
                }
            }
            if (corpusCase.holdLock()) {
                lockHolder = holdLock(db);
            }
            List<String> schemaBefore = catalog(db);
            Map<String, String> values = Map.of("${migrations}", migrations.toString(), "${password}", password,
                    "${host}", db.server().host(), "${port}", String.valueOf(db.server().port()), "${db}", db.name(),
                    "${user}", db.username());
            List<String> args = new ArrayList<>();
            corpusCase.args().forEach(arg -> args.add(fill(arg, values)));
            args.add("--test.java-migration.enabled=false");
            args.add("--msr.summary-path=" + summary);
            args.add("--msr.termination-message-path=" + termination);
            Map<String, String> env = new java.util.HashMap<>();
            corpusCase.env().forEach((key, value) -> env.put(key, fill(value, values)));

            PackagedJar.Run run = APP.run(env, args);

            assertThat(run.exitCode()).as(corpusCase.name() + ":\n" + run.output()).isEqualTo(corpusCase.exit());
            assertThat(run.output()).as(corpusCase.name()).contains(corpusCase.message());
            if (corpusCase.expectSql() != null) {
                assertThat(db.queryForStrings(corpusCase.expectSql())).as(corpusCase.name() + ": what the run did")
                        .containsExactlyElementsOf(corpusCase.expectRows());
            } else {
                assertThat(catalog(db)).as(corpusCase.name() + ": the schema is unchanged").isEqualTo(schemaBefore);
            }
            String files = (Files.exists(summary) ? Files.readString(summary) : "") + Files.readString(termination);
            assertThat(run.output() + files).as(corpusCase.name() + ": no password anywhere").doesNotContain(password);
            if (corpusCase.secret() != null) {
                assertThat(run.output() + files).as(corpusCase.name() + ": the secret nowhere")
                        .doesNotContain(corpusCase.secret());
            }
            if (corpusCase.symlinkedResultFiles()) {
                assertThat(Files.readString(other)).as(corpusCase.name() + ": the linked file").isEqualTo("another file");
                assertThat(Files.isSymbolicLink(summary) && Files.isSymbolicLink(termination)).isTrue();
            } else if (Files.exists(summary)) {
                assertThat(Files.readString(summary)).contains("\"exitCode\":" + corpusCase.exit());
            }
        } finally {
            if (lockHolder != null) {
                lockHolder.close();
            }
            try {
                if (corpusCase.cleanupSql() != null) {
                    // Roles are cluster-wide: drop what they own here, and them, before their database goes.
                    db.execute(corpusCase.cleanupSql());
                }
            } finally {
                db.close();
            }
        }
    }

    private static Msr msr(TestDatabase db, String location) {
        return Msr.builder().url(db.jdbcUrl(), db.username(), db.password())
                .settings(MsrSettings.builder().locations(location).build()).build();
    }

    private static Connection holdLock(TestDatabase db) throws Exception {
        LockStatus status = msr(db, "classpath:none").lockStatus();
        String[] key = status.key().substring(0, status.key().indexOf(' ')).split(":");
        Connection holder = db.connect();
        try (Statement statement = holder.createStatement()) {
            statement.execute("select pg_advisory_lock(" + key[0] + ", " + key[1] + ")");
        }
        return holder;
    }

    /**
     * What a failed run must leave as it was: {@code pg_dump --schema-only} byte for byte (where a pg_dump for the
     * server is installed, as in CI), tables, columns and indexes from the catalog, and the history rows.
     */
    private static List<String> catalog(TestDatabase db) {
        List<String> catalog = new ArrayList<>(db.queryForStrings("select c.relkind::text || ' ' || c.relname"
                + " || coalesce(' ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod), '') from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace left join pg_attribute a on a.attrelid = c.oid"
                + " and a.attnum > 0 where n.nspname = 'public' order by 1"));
        if (catalog.stream().anyMatch(entry -> entry.startsWith("r msr_schema_history"))) {
            catalog.addAll(db.queryForStrings("select version || ' ' || operation || ' ' || success"
                    + " from msr_schema_history order by id"));
        }
        io.msr.test.PgClientTools.findFor(db).ifPresent(tools -> catalog.add(tools.schemaOnlyDump(db)));
        return catalog;
    }

    private static String fill(String text, Map<String, String> values) {
        String filled = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
        }
        return filled;
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (Files.isDirectory(from)) {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
        }
        return to;
    }

    private static void generate(String kind, Path migrations) throws IOException {
        if ("binary".equals(kind)) {
            byte[] bytes = new byte[512];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 37 + 128);
            }
            Files.write(migrations.resolve("V1_blob.up.sql"), bytes);
        } else if ("huge".equals(kind)) {
            StringBuilder sql = new StringBuilder("create table big (id int, label text);\n");
            for (int i = 0; i < 100_000; i++) {
                sql.append("insert into big values (").append(i).append(", 'row ").append(i).append("');\n");
            }
            sql.append("insert into big values ('not a number', 'last');\n");
            Files.writeString(migrations.resolve("V1_huge.up.sql"), sql, StandardCharsets.UTF_8);
        } else if ("over-size-limit".equals(kind)) {
            // One byte over the default msr.max-migration-size: refused before it is read.
            LargeMigrations.multiRowInsert(migrations.resolve("V1_seed.up.sql"), "seed",
                    MsrSettings.DEFAULT_MAX_MIGRATION_SIZE + 1);
        } else if (kind != null && kind.startsWith("multi-row-insert-mib=")) {
            long mebibytes = Long.parseLong(kind.substring(kind.indexOf('=') + 1));
            LargeMigrations.multiRowInsert(migrations.resolve("V1_seed.up.sql"), "seed", mebibytes * 1024 * 1024);
        }
    }
}
