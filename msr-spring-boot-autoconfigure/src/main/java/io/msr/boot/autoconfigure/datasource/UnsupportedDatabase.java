package io.msr.boot.autoconfigure.datasource;

import io.msr.ConfigurationException;
import io.msr.Failure;
import io.msr.OperationResult;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's refusal of a database that is not PostgreSQL (typically the H2 DataSource of an existing test suite,
 * or the embedded database a test slice put in place of the application's), explained once with the way out:
 * {@code msr.mode=none} where that database is used, or a real PostgreSQL. Verify mode reports it through health,
 * migrate-on-start and one-shot modes through the startup failure analysis and the one-shot report.
 */
public record UnsupportedDatabase(String product) {

    // msr-core reports this as a ConfigurationException from its dialect detection; the starter's tests run the real
    // engine on H2, so a changed wording fails them instead of silently losing the explanation.
    private static final Pattern ENGINE_MESSAGE = Pattern.compile("MSR does not support (.+) yet; it supports PostgreSQL\\.");

    /** Returns the unsupported database named by the failure or one of its causes, or empty when it is another failure. */
    public static Optional<UnsupportedDatabase> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException && cause.getMessage() != null) {
                Matcher matcher = ENGINE_MESSAGE.matcher(cause.getMessage());
                if (matcher.find()) {
                    return Optional.of(new UnsupportedDatabase(matcher.group(1)));
                }
            }
        }
        return Optional.empty();
    }

    /** One sentence: what is wrong. */
    public String description() {
        return "MSR needs PostgreSQL, but the database is " + product + ", which MSR does not support.";
    }

    /** What to do about it. */
    public String action() {
        return "Keep MSR out of the way where " + product + " is used with msr.mode=none (for a test:"
                + " @SpringBootTest(properties = \"msr.mode=none\"), or msr.mode=none in"
                + " src/test/resources/application.properties), or give MSR a real PostgreSQL: a jdbc:postgresql: URL in"
                + " spring.datasource.url or msr.datasource.url, or Testcontainers' PostgreSQLContainer with"
                + " @ServiceConnection. In a test slice (@JdbcTest, @DataJpaTest, ...) the embedded database may have"
                + " replaced yours: keep yours with @AutoConfigureTestDatabase(replace = Replace.NONE).";
    }

    /** The description and the action, for health details and log lines. */
    public String message() {
        return description() + " " + action();
    }

    /** Returns the failed result of a one-shot operation with this explanation as its failure message. */
    public OperationResult explain(OperationResult result) {
        Failure failure = result.failure();
        if (failure == null) {
            return result;
        }
        return new OperationResult(result.operation(), result.exitCode(), result.startedAt(), result.durationMs(),
                result.schemaVersionBefore(), result.schemaVersionAfter(), result.executed(), result.warnings(),
                result.notes(), new Failure(failure.exitCode(), failure.type(), message(), failure.version(),
                failure.script(), failure.line(), failure.sqlState()));
    }
}
