package io.msr;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who holds the migration lock, as the database sees it.
 *
 * @param key             the lock key, as printed in every lock log line
 * @param held            whether any session holds it
 * @param holderPid       the backend process id of the holding session, or null
 * @param applicationName the holding session's application name (MSR sets it to name host and pid), or null
 * @param clientAddress   the holding session's client address, or null (for example over a Unix socket)
 * @param connectedSince  when the holding session connected, or null
 */
public record LockStatus(String key, boolean held, @Nullable Integer holderPid, @Nullable String applicationName,
        @Nullable String clientAddress, @Nullable Instant connectedSince) {

    /** Returns true when the holder's application name shows it is an MSR runner. */
    public boolean heldByMsrRunner() {
        return held && applicationName != null && applicationName.startsWith("msr ");
    }

    /** Returns this status as a JSON object. */
    public String toJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", key);
        map.put("held", held);
        map.put("holderPid", holderPid);
        map.put("applicationName", applicationName);
        map.put("clientAddress", clientAddress);
        map.put("connectedSince", connectedSince);
        return Json.write(map);
    }
}
