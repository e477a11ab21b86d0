package io.msr.boot.autoconfigure.verify;

import java.time.Duration;

/** A duration as people write it in properties (90s, 5m, 300ms), for messages that name a property's value. */
final class DurationText {

    private DurationText() {
    }

    /** Returns the duration as 5m, 90s or 300ms: the largest of these units that shows it exactly. */
    static String of(Duration duration) {
        long millis = duration.toMillis();
        if (millis >= 60_000 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
