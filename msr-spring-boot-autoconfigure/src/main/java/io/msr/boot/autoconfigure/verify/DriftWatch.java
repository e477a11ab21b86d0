package io.msr.boot.autoconfigure.verify;

import io.msr.DriftResult;
import io.msr.InfoResult;
import io.msr.Msr;
import io.msr.Version;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Verify mode's drift check: compares the schema with its fingerprint at most once per
 * {@code msr.verify.drift-check-interval}, and again at once when the schema version changes, so that probes and
 * refreshes in between reuse the last result. Never throws: a check that fails (the role cannot read the fingerprint
 * table, say) leaves drift unknown, logged once. Each new finding is logged once.
 */
final class DriftWatch {

    private static final Logger log = LoggerFactory.getLogger(DriftWatch.class);

    private final Msr msr;
    private final boolean enabled;
    private final Duration interval;
    private @Nullable DriftResult last;
    private @Nullable String lastError;
    private @Nullable Version lastVersion;
    private @Nullable Instant lastCheck;

    DriftWatch(Msr msr, boolean enabled, @Nullable Duration interval) {
        this.msr = msr;
        this.enabled = enabled;
        this.interval = interval == null ? Duration.ZERO : interval;
    }

    /** Returns the drift of the schema {@code info} read, or null when it is unknown or the check is off. */
    synchronized @Nullable DriftResult check(@Nullable InfoResult info, Instant now) {
        if (!enabled || info == null) {
            return null;
        }
        Version version = info.schemaVersion();
        if (lastCheck != null && Objects.equals(version, lastVersion)
                && Duration.between(lastCheck, now).compareTo(interval) < 0) {
            return last;
        }
        lastCheck = now;
        lastVersion = version;
        DriftResult previous = last;
        try {
            last = msr.drift();
            lastError = null;
            logChange(previous, last);
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!error.equals(lastError)) {
                log.warn("MSR could not check the schema for drift; drift is unknown until it can: {}", error);
            }
            last = null;
            lastError = error;
        }
        return last;
    }

    private static void logChange(@Nullable DriftResult previous, DriftResult next) {
        boolean same = previous != null && previous.status() == next.status()
                && previous.differences().equals(next.differences());
        if (same) {
            return;
        }
        switch (next.status()) {
            case DRIFT, NO_FINGERPRINT -> log.warn("MSR drift check: {}", next.message());
            default -> {
                if (previous != null) {
                    log.info("MSR drift check: {}", next.message());
                }
            }
        }
    }
}
