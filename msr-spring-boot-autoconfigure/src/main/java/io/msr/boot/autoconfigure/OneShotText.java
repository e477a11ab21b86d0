package io.msr.boot.autoconfigure;

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

import java.util.List;
import java.util.Locale;

/** The human-readable text of one-shot results. */
final class OneShotText {

    private OneShotText() {
    }

    static String operation(OperationResult result) {
        StringBuilder text = new StringBuilder();
        String name = result.operation().name().toLowerCase(Locale.ROOT);
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
        if (result.success() && result.operation() == Operation.BACKUP) {
            text.append("MSR backup succeeded at schema version ").append(version(result.schemaVersionBefore()))
                    .append(", ").append(result.durationMs()).append(" ms (exit code 0)");
        } else if (result.success()) {
            text.append("MSR ").append(name).append(" succeeded: ").append(result.succeeded().size())
                    .append(" migration(s) run, schema version ").append(version(result.schemaVersionBefore()))
                    .append(" -> ").append(version(result.schemaVersionAfter())).append(", ")
                    .append(result.durationMs()).append(" ms (exit code 0)");
        } else {
            text.append("MSR ").append(name).append(" FAILED (exit code ").append(result.exitCode().code())
                    .append("): ").append(result.failure() == null ? "" : result.failure().message());
        }
        return text.toString();
    }

    static String info(InfoResult info) {
        StringBuilder text = new StringBuilder(table(info.migrations()));
        for (Issue issue : info.issues()) {
            text.append(issue.severity().name().toLowerCase(Locale.ROOT)).append(": ").append(issue.message())
                    .append(System.lineSeparator());
        }
        text.append("Schema version ").append(version(info.schemaVersion())).append(", latest local ")
                .append(version(info.latestVersion())).append(", ").append(info.pending().size())
                .append(" pending").append(postDeploy(info)).append(info.historyExists() ? "" : " (no history table yet)");
        return text.toString();
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
        String exit = " (exit code " + result.exitCode().code() + ")";
        switch (result.status()) {
            case DRIFT -> text.append("MSR drift FOUND").append(exit).append(": ").append(result.message());
            case NO_FINGERPRINT -> text.append("WARNING: MSR drift NOT CHECKED").append(exit).append(": ")
                    .append(result.message());
            case NO_DRIFT -> text.append("MSR drift check passed").append(exit).append(": ").append(result.message());
            case RECORDED -> text.append("MSR drift fingerprint recorded").append(exit).append(": ")
                    .append(result.message());
        }
        return text.toString();
    }

    private static String detail(DriftDifference difference) {
        return switch (difference.kind()) {
            case ADDED -> difference.object() + ": " + difference.actual();
            case REMOVED -> difference.object() + " (was: " + difference.expected() + ")";
            case CHANGED -> difference.object() + ": " + difference.expected() + " -> " + difference.actual();
        };
    }

    static String lock(Operation operation, LockStatus status) {
        String state = status.held() ? "held by pid " + status.holderPid() + " ('" + status.applicationName() + "')"
                + (status.connectedSince() == null ? "" : ", connected since " + status.connectedSince())
                : "free";
        return operation == Operation.LOCK_RELEASE
                ? (status.held() ? "Released the migration lock " + status.key() + ", which was " + state
                : "The migration lock " + status.key() + " was not held; nothing to release")
                : "Migration lock " + status.key() + ": " + state;
    }

    private static String label(Version version) {
        return version == null ? "R" : "V" + version;
    }

    private static String version(Version version) {
        return version == null ? "<none>" : "V" + version;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "~";
    }
}
