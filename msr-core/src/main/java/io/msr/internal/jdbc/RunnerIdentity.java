package io.msr.internal.jdbc;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** Names this process for the database, so operators can see which host and pid holds the lock. */
public final class RunnerIdentity {

    private static final int MAX_APPLICATION_NAME_BYTES = 63;

    private RunnerIdentity() {
    }

    /** Returns an application name such as {@code msr lock 4242@pod-7f9c}, at most 63 bytes. */
    public static String applicationName(String role) {
        String name = "msr " + role + " " + ProcessHandle.current().pid() + "@" + host();
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_APPLICATION_NAME_BYTES) {
            return name;
        }
        return new String(bytes, 0, MAX_APPLICATION_NAME_BYTES, StandardCharsets.US_ASCII).replaceAll("[^ -~]", "?");
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
