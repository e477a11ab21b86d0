package io.msr.internal.sql;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the splitter to PostgreSQL's own parser (see {@link PostgresParserOracle}) on SQL nobody here wrote: generated
 * scripts mixing the hard cases, the scripts of the extensions installed with PostgreSQL, and schema scripts shipped in
 * jars. Where pglast is not installed, the generated scripts are still checked against a golden file of the parser's
 * answers; regenerate it with {@code -Dsql.oracle.regenerate=true} where it is (only after changing the generator).
 */
class SqlSplitDifferentialTest {

    private static final long SEED = 23;
    private static final int SCRIPTS = 4000;
    private static final Path GOLDEN = Path.of("src/test/resources/sql-oracle/generated-splits.txt");
    private static final Pattern EXTENSION_VARIABLE = Pattern.compile("@[a-z_:]+@");
    private static final List<String> JAR_SCRIPTS = List.of("org/quartz/impl/jdbcjobstore/tables_postgres.sql",
            "org/springframework/batch/core/schema-postgresql.sql",
            "org/springframework/batch/core/schema-drop-postgresql.sql",
            "org/springframework/session/jdbc/schema-postgresql.sql",
            "org/springframework/session/jdbc/schema-drop-postgresql.sql",
            "org/springframework/batch/core/migration/2.2/migration-postgresql.sql",
            "org/springframework/batch/core/migration/5.0/migration-postgresql.sql",
            "org/springframework/batch/core/migration/6.0/migration-postgresql.sql");

    @Test
    void splitsTheGeneratedScriptsAsTheGoldenFileOfPostgresAnswersSays() throws IOException {
        List<String> scripts = GeneratedScripts.generate(SEED, SCRIPTS);
        List<String> golden = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("#")).toList();
        assertThat(golden).as("one answer per generated script in %s", GOLDEN).hasSize(scripts.size());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            String[] line = golden.get(i).split(" ", 2);
            assertThat(line[0]).as("script %d differs from the one the golden file was made from: the generator"
                    + " changed, regenerate %s with -Dsql.oracle.regenerate=true", i, GOLDEN).isEqualTo(hash(scripts.get(i)));
            String actual = PostgresParserOracle.spans(scripts.get(i));
            if (!actual.equals(line.length > 1 ? line[1] : "")) {
                differences.add("generated script " + i + ": PostgreSQL " + line[1] + ", runner " + actual + ", script "
                        + escape(scripts.get(i)));
            }
        }
        assertThat(differences).as("scripts the runner splits unlike PostgreSQL's parser").isEmpty();
    }

    @Test
    void splitsTheGeneratedScriptsAsPostgresParserDoes() throws IOException {
        PostgresParserOracle oracle = oracle();
        List<String> scripts = GeneratedScripts.generate(SEED, SCRIPTS);
        List<String> answers = oracle.check(scripts);
        List<String> differences = new ArrayList<>();
        StringBuilder golden = new StringBuilder("# Statements of GeneratedScripts.generate(" + SEED + ", " + SCRIPTS
                + ") as PostgreSQL's parser (python3-pglast) reads them: per script, a hash of its text and, per"
                + " statement, its first token's index and the index after its last (semicolon left out).\n");
        int statements = 0;
        for (int i = 0; i < scripts.size(); i++) {
            assertThat(answers.get(i)).as("the parser accepts generated script %d: %s", i, escape(scripts.get(i)))
                    .doesNotStartWith("error");
            if (answers.get(i).startsWith("ok")) {
                statements += Integer.parseInt(answers.get(i).substring(3));
            } else {
                differences.add("generated script " + i + ": " + answers.get(i) + ", script " + escape(scripts.get(i)));
            }
            golden.append(hash(scripts.get(i))).append(' ').append(PostgresParserOracle.spans(scripts.get(i)))
                    .append('\n');
        }
        System.out.printf("Generated scripts: %d scripts, %d statements, %d split unlike PostgreSQL's parser%n",
                scripts.size(), statements, differences.size());
        assertThat(differences).as("scripts the runner splits unlike PostgreSQL's parser").isEmpty();
        if (Boolean.getBoolean("sql.oracle.regenerate")) {
            Files.writeString(GOLDEN, golden, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(GOLDEN, StandardCharsets.UTF_8)).as("the golden file holds the parser's answers")
                .isEqualTo(golden.toString());
    }

    @Test
    void splitsTheTrickyScriptsAsPostgresParserDoes() {
        PostgresParserOracle oracle = oracle();
        List<TrickyScripts.Script> tricky = TrickyScripts.all();
        List<String> answers = oracle.check(tricky.stream().map(TrickyScripts.Script::script).toList());
        List<String> differences = new ArrayList<>();
        int parsed = 0;
        for (int i = 0; i < tricky.size(); i++) {
            if (!answers.get(i).startsWith("error")) {
                parsed++;
            }
            if (answers.get(i).startsWith("differ")) {
                differences.add(tricky.get(i).name() + ": " + answers.get(i));
            }
        }
        System.out.printf("Tricky scripts: %d of %d parsed by PostgreSQL's parser, %d split unlike it%n", parsed,
                tricky.size(), differences.size());
        assertThat(differences).isEmpty();
    }

    @Test
    void splitsTheScriptsOfInstalledExtensionsAsPostgresParserDoes() throws IOException {
        PostgresParserOracle oracle = oracle();
        List<Path> files;
        try (Stream<Path> versions = Files.list(Path.of("/usr/share/postgresql")).sorted()) {
            files = versions.map(version -> version.resolve("extension")).filter(Files::isDirectory)
                    .flatMap(SqlSplitDifferentialTest::sqlFiles).toList();
        } catch (IOException e) {
            files = List.of();
        }
        Assumptions.assumeFalse(files.isEmpty(), "No PostgreSQL extension scripts under /usr/share/postgresql/*/extension");
        List<String> scripts = new ArrayList<>();
        for (Path file : files) {
            scripts.add(extensionScript(Files.readString(file, StandardCharsets.UTF_8)));
        }
        checkCorpus("extension scripts", files.stream().map(Path::toString).toList(), scripts, oracle);
    }

    @Test
    void splitsTheSchemaScriptsShippedInJarsAsPostgresParserDoes() throws IOException {
        PostgresParserOracle oracle = oracle();
        List<String> names = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        for (String resource : JAR_SCRIPTS) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    System.out.println("Skipped " + resource + ": its jar is not on the test classpath");
                    continue;
                }
                names.add(resource);
                scripts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Assumptions.assumeFalse(scripts.isEmpty(), "None of the jars with schema scripts is on the test classpath");
        checkCorpus("schema scripts from jars", names, scripts, oracle);
    }

    private static void checkCorpus(String what, List<String> names, List<String> scripts,
            PostgresParserOracle oracle) {
        List<String> answers = oracle.check(scripts);
        List<String> differences = new ArrayList<>();
        int statements = 0;
        int rejected = 0;
        for (int i = 0; i < scripts.size(); i++) {
            if (answers.get(i).startsWith("error")) {
                rejected++;
                System.out.println("Skipped " + names.get(i) + ": PostgreSQL's parser rejects it: " + answers.get(i));
            } else if (answers.get(i).startsWith("ok")) {
                statements += Integer.parseInt(answers.get(i).substring(3));
            } else {
                differences.add(names.get(i) + ": " + answers.get(i));
            }
        }
        System.out.printf("%s: %d files, %d statements, %d rejected by the parser, %d split unlike it%n", what,
                scripts.size() - rejected, statements, rejected, differences.size());
        assertThat(scripts.size() - rejected).as("%s the parser accepts", what).isPositive();
        assertThat(differences).isEmpty();
    }

    /** An extension script as it reaches the server: psql's {@code \echo} lines and the script variables gone. */
    private static String extensionScript(String text) {
        StringBuilder script = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            script.append(line.startsWith("\\echo") ? "" : line).append('\n');
        }
        return EXTENSION_VARIABLE.matcher(script).replaceAll("public");
    }

    private static Stream<Path> sqlFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".sql")).sorted().toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static PostgresParserOracle oracle() {
        PostgresParserOracle oracle = PostgresParserOracle.find();
        if (oracle == null) {
            System.out.println("Skipped: no python3 with pglast here (apt-get install python3-pglast);"
                    + " the golden file still holds the splitter to the parser's answers");
        }
        Assumptions.assumeTrue(oracle != null, "python3-pglast is not installed");
        return oracle;
    }

    private static String hash(String script) {
        return Integer.toHexString(script.hashCode());
    }

    private static String escape(String script) {
        StringBuilder escaped = new StringBuilder();
        script.codePoints().forEach(c -> escaped.append(c >= 0x20 && c < 0x7F || c == '\n'
                ? Character.toString(c) : String.format("\\u%04X", c)));
        return escaped.toString();
    }
}
