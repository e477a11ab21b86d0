package io.msr;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Map;

/**
 * Who holds the migration lock, as the database sees it: the result of {@link Msr#lockStatus()} and, as it was
 * before the release, of {@link Msr#releaseLock()}.
 *
 * @param key             the lock key, as printed in every lock log line
 * @param held            whether any session holds it
 * @param holderPid       the backend process id of the holding session, or null
 * @param applicationName the holding session's application name (MSR sets it to name host and pid), or null
 * @param clientAddress   the holding session's client address, or null (for example over a Unix socket)
 * @param connectedSince  when the holding session connected, or null
 * @param operation       {@link Operation#LOCK_STATUS}, or {@link Operation#LOCK_RELEASE} for what a release found
 */
public record LockStatus(String key, boolean held, @Nullable Integer holderPid, @Nullable String applicationName,
        @Nullable String clientAddress, @Nullable Instant connectedSince, Operation operation) implements MsrResult {

    /** Checks the operation. */
    public LockStatus {
        if (operation != Operation.LOCK_STATUS && operation != Operation.LOCK_RELEASE) {
            throw new IllegalArgumentException("A lock status is the result of LOCK_STATUS or LOCK_RELEASE, not "
                    + operation);
        }
    }

    /** Creates the status as {@link Msr#lockStatus()} reports it. */
    public LockStatus(String key, boolean held, Integer holderPid, String applicationName, String clientAddress,
            Instant connectedSince) {
        this(key, held, holderPid, applicationName, clientAddress, connectedSince, Operation.LOCK_STATUS);
    }

    /** Returns this status as the result of {@link Msr#releaseLock()}: the holder as it was before the release. */
    public LockStatus asLockRelease() {
        return new LockStatus(key, held, holderPid, applicationName, clientAddress, connectedSince,
                Operation.LOCK_RELEASE);
    }

    /** Returns true when the holder's application name shows it is an MSR runner. */
    public boolean heldByMsrRunner() {
        return held && applicationName != null && applicationName.startsWith("msr ");
    }

    /** Returns {@link ExitCode#SUCCESS}: reading (or releasing) the lock fails only by throwing. */
    @Override
    public ExitCode exitCode() {
        return ExitCode.SUCCESS;
    }

    /**
     * Returns the header, then {@code key}, {@code held}, {@code holderPid}, {@code applicationName},
     * {@code clientAddress} and {@code connectedSince}.
     */
    @Override
    public Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> map = Json.header(this);
        map.put("key", key);
        map.put("held", held);
        map.put("holderPid", holderPid);
        map.put("applicationName", applicationName);
        map.put("clientAddress", clientAddress);
        map.put("connectedSince", connectedSince);
        return map;
    }
}
