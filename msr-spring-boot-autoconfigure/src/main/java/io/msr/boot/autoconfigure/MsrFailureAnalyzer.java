package io.msr.boot.autoconfigure;

import io.msr.MsrException;
import io.msr.boot.autoconfigure.datasource.ApplicationDataSource;
import io.msr.boot.autoconfigure.datasource.UnsupportedDatabase;
import io.msr.boot.autoconfigure.verify.SchemaNotReadyException;
import io.msr.boot.autoconfigure.verify.SchemaWaitTimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Explains startup failures caused by MSR: an invalid {@code msr.*} value (listing the valid values of
 * {@code msr.mode}), a malformed {@code DATABASE_URL}, a mode without a database, a database other than
 * PostgreSQL, several DataSources without a choice between them, Flyway or Liquibase migrating beside MSR, a failed
 * migrate-on-start, and verify mode's fail-on-pending and wait-on-start.
 */
public final class MsrFailureAnalyzer implements FailureAnalyzer {

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            FailureAnalysis analysis = analyzeOne(cause);
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }

    private static @Nullable FailureAnalysis analyzeOne(Throwable cause) {
        if (cause instanceof BindException bind && bind.getName() != null && bind.getName().toString().startsWith("msr")) {
            return bindFailure(bind);
        }
        if (cause instanceof MissingDatabaseCheck.MissingDatabaseException) {
            return new FailureAnalysis(cause.getMessage() + ".", "Configure spring.datasource.url (or DATABASE_URL),"
                    + " or give MSR its own connection with msr.datasource.url (or MSR_DATABASE_URL).", cause);
        }
        if (cause instanceof ApplicationDataSource.SeveralDataSourcesException several) {
            return new FailureAnalysis(cause.getMessage() + ".", "Mark the DataSource to migrate with @MsrDataSource"
                    + " (io.msr.boot.autoconfigure.MsrDataSource) next to its @Bean, or mark one of "
                    + String.join(", ", several.beanNames()) + " @Primary, or give MSR its own connection with"
                    + " msr.datasource.url (MSR_DATASOURCE_URL) or an MsrConnectionDetails bean.", cause);
        }
        if (cause instanceof OtherMigrationToolsCheck.OtherMigrationToolException other) {
            OtherMigrationToolsCheck.Tool tool = other.tool();
            return new FailureAnalysis(cause.getMessage() + ".", "Choose one tool: remove " + tool.name()
                    + " from the class path, or turn its auto-configuration off with " + tool.property() + "=false."
                    + " (MSR adopting an existing " + tool.name() + " history is planned for a later release.) If both"
                    + " are intended, for example on different databases, set msr.allow-other-migration-tools=true.",
                    cause);
        }
        if (cause instanceof SchemaNotReadyException) {
            return new FailureAnalysis(cause.getMessage() + ".", "Run the migration (msr.mode=migrate, for example"
                    + " as a Kubernetes Job) before starting the application, or set msr.verify.fail-on-pending=false"
                    + " to start and report OUT_OF_SERVICE until it has run.", cause);
        }
        UnsupportedDatabase unsupported = UnsupportedDatabase.of(cause).orElse(null);
        if (unsupported != null) {
            return new FailureAnalysis(unsupported.description(), unsupported.action(), cause);
        }
        if (cause instanceof SchemaWaitTimeoutException) {
            return new FailureAnalysis(cause.getMessage() + ".", "Check that the migration Job (msr.mode=migrate) ran"
                    + " and succeeded, then start again; or raise msr.verify.wait-on-start (MSR_VERIFY_WAIT_ON_START),"
                    + " or unset it to start at once and report OUT_OF_SERVICE until the Job has run.", cause);
        }
        if (cause instanceof MsrException msr) {
            return new FailureAnalysis("MSR failed with exit code " + msr.exitCode().code() + " ("
                    + msr.exitCode() + "): " + msr.getMessage(), "Fix the cause named above and start again.", cause);
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null
                && cause.getMessage().contains("DATABASE_URL")) {
            return new FailureAnalysis(cause.getMessage() + ".", "Set DATABASE_URL (or MSR_DATABASE_URL) to"
                    + " postgres://user:password@host:5432/database, or set spring.datasource.url instead.", cause);
        }
        return null;
    }

    private static FailureAnalysis bindFailure(BindException bind) {
        String property = bind.getProperty() != null ? bind.getProperty().getName().toString() : bind.getName().toString();
        Object value = bind.getProperty() != null ? bind.getProperty().getValue() : null;
        String origin = bind.getProperty() != null && bind.getProperty().getOrigin() != null
                ? " (from " + bind.getProperty().getOrigin() + ")" : "";
        String description = "Invalid value '" + value + "' for " + property + origin + ".";
        String action;
        if ("msr.mode".equals(property)) {
            action = "Set msr.mode (or MSR_MODE) to one of: " + Arrays.stream(MsrMode.values())
                    .map(MsrMode::propertyValue).collect(Collectors.joining(", ")) + ".";
        } else if (property.endsWith("timeout") || property.endsWith("interval")) {
            action = "Use a duration such as 30s, 10m or PT10M for " + property + ".";
        } else {
            Throwable root = bind;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            action = "Fix " + property + ": " + root.getMessage();
        }
        return new FailureAnalysis(description, action, bind);
    }
}
