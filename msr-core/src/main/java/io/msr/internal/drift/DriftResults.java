package io.msr.internal.drift;

import io.msr.DriftDifference;
import io.msr.DriftResult;
import io.msr.Version;

import java.util.List;

/** Builds the {@link DriftResult} of each outcome, with the message that says what it means and what to do next. */
public final class DriftResults {

    private static final String RECORD = "msr.mode=drift with msr.drift.record=true";

    private DriftResults() {
    }

    /** No migration is applied, so there is no version to have a fingerprint. */
    public static DriftResult noVersion(List<String> schemas, int objects) {
        return new DriftResult(DriftResult.Status.NO_FINGERPRINT, null, schemas, null, null, objects, List.of(),
                "No migration is applied to schema(s) " + String.join(", ", schemas) + " yet, so there is no"
                + " fingerprint to compare with; the first migrate run records one.");
    }

    /** No fingerprint is recorded for the version: nothing was compared. */
    public static DriftResult noFingerprint(Version version, List<String> schemas, int objects,
            FingerprintTable table) {
        return new DriftResult(DriftResult.Status.NO_FINGERPRINT, version, schemas, null, null, objects, List.of(),
                "No fingerprint is recorded for schema version V" + version + " in " + table.qualifiedName()
                + ", so drift was not checked. The next migrate run records one; to record the schema as it is now"
                + " (a schema MSR took over, say), run " + RECORD + ".");
    }

    /** The version's fingerprint covers other schemas, or privileges where the settings leave them out (or back). */
    public static DriftResult otherScope(Version version, DriftScope scope, int objects,
            FingerprintTable.Recorded recorded) {
        boolean recordedPrivileges = recorded.fingerprint().objects().keySet().stream()
                .anyMatch(key -> key.startsWith("privileges "));
        return new DriftResult(DriftResult.Status.NO_FINGERPRINT, version, scope.schemas(), recorded.capturedAt(),
                recorded.capturedBy(), objects, List.of(), "The fingerprint of schema version V" + version
                + " covers " + covers(recorded.schemas(), recordedPrivileges) + ", while msr.drift.schemas and"
                + " msr.drift.include-privileges now give " + covers(scope.schemas(), scope.privileges())
                + ", so drift was not checked. The next migrate run that applies a migration records a fitting one;"
                + " to record the schema as it is now, run " + RECORD + ".");
    }

    private static String covers(List<String> schemas, boolean privileges) {
        return "schema(s) " + String.join(", ", schemas) + (privileges ? " with" : " without") + " privileges";
    }

    /** The schema compared with the version's fingerprint. */
    public static DriftResult compared(Version version, List<String> schemas, FingerprintTable.Recorded expected,
            Fingerprint actual) {
        List<DriftDifference> differences = actual.differencesFrom(expected.fingerprint());
        String recorded = "the fingerprint of V" + version + " recorded at " + expected.capturedAt() + " by "
                + expected.capturedBy();
        String where = "schema(s) " + String.join(", ", schemas);
        if (differences.isEmpty()) {
            return new DriftResult(DriftResult.Status.NO_DRIFT, version, schemas, expected.capturedAt(),
                    expected.capturedBy(), actual.objects().size(), differences,
                    "No drift: " + where + " match " + recorded + " (" + actual.objects().size() + " objects).");
        }
        return new DriftResult(DriftResult.Status.DRIFT, version, schemas, expected.capturedAt(),
                expected.capturedBy(), actual.objects().size(), differences,
                "Drift: " + differences.size() + " difference(s) between " + where + " and " + recorded
                + ", first " + clip(differences.get(0).describe()) + ". Someone changed the schema outside the"
                + " migrations: turn the change into a migration or undo it; to accept the schema as it is, run "
                + RECORD + ".");
    }

    /** The schema recorded as the version's fingerprint. */
    public static DriftResult recorded(Version version, List<String> schemas, FingerprintTable.Recorded recorded,
            FingerprintTable table) {
        return new DriftResult(DriftResult.Status.RECORDED, version, schemas, recorded.capturedAt(),
                recorded.capturedBy(), recorded.fingerprint().objects().size(), List.of(),
                "Recorded the fingerprint of schema(s) " + String.join(", ", schemas) + " for schema version V"
                + version + " in " + table.qualifiedName() + ": " + recorded.fingerprint().objects().size()
                + " objects, digest " + recorded.fingerprint().digest().substring(0, 16) + ".");
    }

    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "~";
    }
}
