package io.msr.boot.autoconfigure.verify;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * What verify mode's {@link SchemaMonitor} is told by {@code msr.verify.*}.
 *
 * @param refreshInterval    how often the schema is read again
 * @param allowAhead         whether a schema ahead of the application (applied migrations it does not have) is ready
 * @param failOnPending      whether startup fails when the schema is not ready
 * @param waitOnStart        how long startup waits for the migration Job, or null not to wait
 * @param staleGracePeriod   how long the last good state is kept, marked stale, when the schema cannot be read; null
 *                           for no grace
 * @param failOnDrift        whether a drifted schema is DOWN rather than UP with a warning
 * @param driftCheckInterval how often, at most, the schema is compared with its fingerprint
 */
public record VerifySettings(Duration refreshInterval, boolean allowAhead, boolean failOnPending,
        @Nullable Duration waitOnStart, @Nullable Duration staleGracePeriod, boolean failOnDrift,
        Duration driftCheckInterval) {
}
