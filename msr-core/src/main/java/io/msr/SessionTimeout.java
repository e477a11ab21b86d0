package io.msr;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL timeout that migrations run with, as {@link Msr#info()} found it: its value and where the value comes
 * from. A file's {@code -- msr:lock-timeout=} or {@code -- msr:statement-timeout=} still overrides it for that file.
 *
 * @param name   the setting: {@code statement_timeout} or {@code lock_timeout}
 * @param value  the value as PostgreSQL shows it ({@code 30s}, {@code 500ms}); {@code 0} means none
 * @param source where it comes from: {@code msr.postgres.statement-timeout} or {@code msr.postgres.lock-timeout} (MSR
 *               sets it), {@code role} ({@code ALTER ROLE ... SET}), {@code role in database}, {@code database}
 *               ({@code ALTER DATABASE ... SET}), {@code connection} (the URL's options), {@code session} (a
 *               {@code SET}, such as the pool's init SQL), {@code server configuration} or {@code server default}
 */
public record SessionTimeout(String name, String value, String source) {

    /** Returns the timeout as plain values: {@code name}, {@code value}, {@code source}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("value", value);
        map.put("source", source);
        return map;
    }
}
