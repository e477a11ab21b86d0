package io.msr.internal.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's own scanner and parser (libpg_query, through Debian's {@code python3-pglast}) as the authority on where
 * statements end: it parses each script whole, as the server does when it runs it as one query, and each statement the
 * splitter makes of it alone, and compares the parse trees. Each script's answer is {@code "ok"} and the number of
 * statements, {@code "differ"} and what differs, or {@code "error"} and the parser's message for the whole script; see
 * {@code sql-oracle/split.py}.
 */
final class PostgresParserOracle {

    private static final List<String> INTERPRETERS = List.of("/usr/bin/python3", "python3");

    private final String python;

    private PostgresParserOracle(String python) {
        this.python = python;
    }

    /** Returns the oracle, or null when no Python here has pglast (install Debian's python3-pglast). */
    static PostgresParserOracle find() {
        for (String interpreter : INTERPRETERS) {
            try {
                Process probe = new ProcessBuilder(interpreter, "-c", "import pglast").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return new PostgresParserOracle(interpreter);
                }
            } catch (IOException e) {
                // not installed under this name
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Returns the oracle's verdict on the splitter's statements of each script, in order. */
    List<String> check(List<String> scripts) {
        try {
            Path input = Files.createTempFile("msr-sql-oracle", ".in");
            try {
                StringBuilder lines = new StringBuilder();
                for (String script : scripts) {
                    lines.append(base64(script));
                    for (SqlStatement statement : SqlStatementSplitter.split(script)) {
                        lines.append(' ').append(base64(statement.sql()));
                    }
                    lines.append('\n');
                }
                Files.writeString(input, lines);
                Path program = Path.of(PostgresParserOracle.class.getResource("/sql-oracle/split.py").toURI());
                Process process = new ProcessBuilder(python, program.toString()).redirectInput(input.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                List<String> answers = new ArrayList<>(scripts.size());
                try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        answers.add(line);
                    }
                }
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0
                        || answers.size() != scripts.size()) {
                    throw new IllegalStateException("The pglast oracle failed (" + answers.size() + " answers for "
                            + scripts.size() + " scripts); see its output above.");
                }
                return answers;
            } finally {
                Files.deleteIfExists(input);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns where the splitter's statements of a script are, for a golden file: for each, the index of its first
     * token and the index just after its last (its terminating semicolon left out).
     */
    static String spans(String script) {
        StringBuilder answer = new StringBuilder();
        for (SqlStatement statement : SqlStatementSplitter.split(script)) {
            String sql = statement.sql();
            SqlLexer lexer = new SqlLexer(sql);
            int end = -1;
            for (SqlToken token = lexer.next(); token != null; token = lexer.next()) {
                if (token.isSymbol(";") && lexer.end() == sql.length()) {
                    break;
                }
                end = lexer.end();
            }
            answer.append(answer.isEmpty() ? "" : " ").append(statement.offset()).append(':').append(statement.offset() + end);
        }
        return answer.toString();
    }
}
