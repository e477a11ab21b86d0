package io.msr.boot.autoconfigure.oneshot;

import io.msr.Version;
import io.msr.DriftDifference;
import io.msr.DriftResult;
import io.msr.ExecutedMigration;
import io.msr.DeployPhase;
import io.msr.InfoResult;
import io.msr.Issue;
import io.msr.LockStatus;
import io.msr.MigrationInfo;
import io.msr.Operation;
import io.msr.OperationResult;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Locale;

/** The human-readable text of one-shot results. */
public final class OneShotText {

    private OneShotText() {
    }

    static String operation(OperationResult result) {
        StringBuilder text = new StringBuilder();
        for (ExecutedMigration migration : result.executed()) {
            text.append(String.format("  %-8s %-19s %-40s %-6s %6d ms%n", migration.outcome(), label(migration.version()),
                    clip(migration.description(), 40), migration.direction(), migration.durationMs()));
        }
        for (String warning : result.warnings()) {
            text.append("  warning: ").append(warning).append(System.lineSeparator());
        }
        for (String note : result.notes()) {
            text.append("  ").append(note).append(System.lineSeparator());
        }
        return text.append(headline(result)).toString();
    }

    /** Returns the last line of {@link #operation}: what happened and the exit code, without the rows above it. */
    static String headline(OperationResult result) {
        String name = result.operation().name().toLowerCase(Locale.ROOT);
        if (result.success() && result.operation() == Operation.BACKUP) {
            return "MSR backup succeeded at schema version " + version(result.schemaVersionBefore()) + ", "
                    + result.durationMs() + " ms (exit code 0)";
        }
        if (result.success()) {
            return "MSR " + name + " succeeded: " + result.succeeded().size() + " migration(s) run, schema version "
                    + version(result.schemaVersionBefore()) + " -> " + version(result.schemaVersionAfter()) + ", "
                    + result.durationMs() + " ms (exit code 0)";
        }
        return "MSR " + name + " FAILED (exit code " + result.exitCode().code() + "): "
                + (result.failure() == null ? "" : result.failure().message());
    }

    static String info(InfoResult info) {
        StringBuilder text = new StringBuilder(table(info.migrations()));
        for (Issue issue : info.issues()) {
            text.append(issue.severity().name().toLowerCase(Locale.ROOT)).append(": ").append(issue.message())
                    .append(System.lineSeparator());
        }
        if (!info.timeouts().isEmpty()) {
            text.append("Migrations run with ").append(String.join(", ", info.timeouts().stream()
                    .map(timeout -> timeout.name() + "=" + timeout.value() + " (" + timeout.source() + ")").toList()))
                    .append(System.lineSeparator());
        }
        return text.append(headline(info)).toString();
    }

    /** Returns the last line of {@link #info}: the schema version, the latest local one and the pending count. */
    static String headline(InfoResult info) {
        return "Schema version " + version(info.schemaVersion()) + ", latest local " + version(info.latestVersion())
                + ", " + info.pending().size() + " pending" + postDeploy(info)
                + (info.historyExists() ? "" : " (no history table yet)");
    }

    private static String postDeploy(InfoResult info) {
        int count = info.pending(DeployPhase.POST_DEPLOY).size();
        return count == 0 ? "" : " (" + count + " post-deploy)";
    }

    static String table(List<MigrationInfo> migrations) {
        StringBuilder text = new StringBuilder(String.format("%-19s %-40s %-5s %-17s %-11s %-20s%n", "Version",
                "Description", "Type", "State", "Phase", "Installed on"));
        for (MigrationInfo migration : migrations) {
            text.append(String.format("%-19s %-40s %-5s %-17s %-11s %-20s%n", label(migration.version()),
                    clip(migration.description(), 40), migration.type(), migration.state(),
                    migration.phase() == null ? "" : migration.phase().propertyValue(),
                    migration.installedOn() == null ? "" : migration.installedOn().toString()));
        }
        return text.toString();
    }

    static String drift(DriftResult result) {
        StringBuilder text = new StringBuilder();
        for (DriftDifference difference : result.differences()) {
            text.append(String.format("  %-8s %s%n", difference.kind(), clip(detail(difference), 200)));
        }
        return text.append(headline(result)).toString();
    }

    /** Returns the last line of {@link #drift}: the status, the exit code and the message. */
    static String headline(DriftResult result) {
        String exit = " (exit code " + result.exitCode().code() + "): " + result.message();
        return switch (result.status()) {
            case DRIFT -> "MSR drift FOUND" + exit;
            case NO_FINGERPRINT -> "WARNING: MSR drift NOT CHECKED" + exit;
            case NO_DRIFT -> "MSR drift check passed" + exit;
            case RECORDED -> "MSR drift fingerprint recorded" + exit;
        };
    }

    private static String detail(DriftDifference difference) {
        return switch (difference.kind()) {
            case ADDED -> difference.object() + ": " + difference.actual();
            case REMOVED -> difference.object() + " (was: " + difference.expected() + ")";
            case CHANGED -> difference.object() + ": " + difference.expected() + " -> " + difference.actual();
        };
    }

    static String lock(LockStatus status) {
        String state = status.held() ? "held by pid " + status.holderPid() + " ('" + status.applicationName() + "')"
                + (status.connectedSince() == null ? "" : ", connected since " + status.connectedSince())
                : "free";
        return status.operation() == Operation.LOCK_RELEASE
                ? (status.held() ? "Released the migration lock " + status.key() + ", which was " + state
                : "The migration lock " + status.key() + " was not held; nothing to release")
                : "Migration lock " + status.key() + ": " + state;
    }

    private static String label(@Nullable Version version) {
        return version == null ? "R" : "V" + version;
    }

    static String version(@Nullable Version version) {
        return version == null ? "<none>" : "V" + version;
    }

    public static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "~";
    }
}
