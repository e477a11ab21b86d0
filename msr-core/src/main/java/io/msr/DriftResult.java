package io.msr;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Msr#drift()} found, or what {@link Msr#recordFingerprint()} recorded. Serialises to JSON with
 * {@link #toJson()}.
 *
 * @param status                what the result means; only {@link Status#DRIFT} has differences
 * @param version               the schema version whose fingerprint was compared or recorded; null when no migration
 *                              is applied
 * @param schemas               the managed schemas, as fingerprinted
 * @param fingerprintCapturedAt when the fingerprint was recorded, or null when there is none
 * @param fingerprintCapturedBy the database user that recorded it, or null when there is none
 * @param objects               how many objects the managed schemas hold now
 * @param differences           every difference, sorted by object; empty unless {@link Status#DRIFT}
 * @param message               one or two sentences for people: what was found and what to do next
 */
public record DriftResult(Status status, @Nullable Version version, List<String> schemas,
        @Nullable Instant fingerprintCapturedAt, @Nullable String fingerprintCapturedBy, int objects,
        List<DriftDifference> differences, String message) implements MsrResult {

    /** What a drift result means. */
    public enum Status {
        /** The schema matches the fingerprint of its version. */
        NO_DRIFT,
        /** The schema differs from the fingerprint of its version: someone changed it outside the migrations. */
        DRIFT,
        /**
         * No fingerprint is recorded for the schema version, so nothing was compared; this is not "no drift". The
         * next migrate run records one, as does {@link Msr#recordFingerprint()}.
         */
        NO_FINGERPRINT,
        /** {@link Msr#recordFingerprint()} recorded the schema as it is as the fingerprint of its version. */
        RECORDED
    }

    /** Copies the lists. */
    public DriftResult {
        Objects.requireNonNull(status, "status");
        schemas = List.copyOf(schemas);
        differences = List.copyOf(differences);
    }

    /** Returns {@link Operation#DRIFT}, for a check and for a recording alike. */
    @Override
    public Operation operation() {
        return Operation.DRIFT;
    }

    /** Returns true when the schema differs from its fingerprint; false also when there was nothing to compare. */
    public boolean hasDrift() {
        return status == Status.DRIFT;
    }

    /** Returns the process exit code: {@link ExitCode#DRIFT} when drift was found, else {@link ExitCode#SUCCESS}. */
    @Override
    public ExitCode exitCode() {
        return hasDrift() ? ExitCode.DRIFT : ExitCode.SUCCESS;
    }

    /**
     * Returns this result as a map: the header ({@code operation}: {@code DRIFT}, {@code success}: false when drift
     * was found, {@code exitCode}), {@code status}, {@code hasDrift}, {@code schemaVersion}, {@code schemas},
     * {@code fingerprintCapturedAt}, {@code fingerprintCapturedBy}, {@code objects}, {@code differenceCount},
     * {@code message} and {@code differences} (each as {@link DriftDifference#toMap()}).
     */
    @Override
    public Map<String, @Nullable Object> toMap() {
        return toMap(differences);
    }

    /** Returns {@link #toMap()} with at most {@code limit} differences, for places with a size limit. */
    public Map<String, @Nullable Object> toMap(int limit) {
        return toMap(differences.subList(0, Math.min(limit, differences.size())));
    }

    private Map<String, @Nullable Object> toMap(List<DriftDifference> shown) {
        Map<String, @Nullable Object> map = Json.header(this);
        map.put("status", status);
        map.put("hasDrift", hasDrift());
        map.put("schemaVersion", version);
        map.put("schemas", schemas);
        map.put("fingerprintCapturedAt", fingerprintCapturedAt);
        map.put("fingerprintCapturedBy", fingerprintCapturedBy);
        map.put("objects", objects);
        map.put("differenceCount", differences.size());
        map.put("message", message);
        map.put("differences", shown.stream().map(DriftDifference::toMap).toList());
        return map;
    }

    /**
     * Returns the header, {@code status} and {@code differenceCount} as a JSON object: for places with a size limit
     * where even {@link #toJson(int)} does not fit.
     */
    public String toSummaryJson() {
        Map<String, @Nullable Object> map = Json.header(this);
        map.put("status", status);
        map.put("differenceCount", differences.size());
        return Json.write(map);
    }

    /** Returns {@link #toMap(int)} as a JSON object. */
    public String toJson(int limit) {
        return Json.write(toMap(limit));
    }
}
