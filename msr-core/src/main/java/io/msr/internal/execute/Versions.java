package io.msr.internal.execute;

import io.msr.Version;
import org.jspecify.annotations.Nullable;

/** How versions and durations read in logs and notes. */
public final class Versions {

    private Versions() {
    }

    /** Returns {@code V42}, or {@code <none>} for no version. */
    public static String text(@Nullable Version version) {
        return version == null ? "<none>" : "V" + version;
    }

    /** Returns the milliseconds since a {@link System#nanoTime()} reading. */
    static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
