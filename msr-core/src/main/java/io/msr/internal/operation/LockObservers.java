package io.msr.internal.operation;

import io.msr.LockStatus;
import io.msr.MigrationListener;
import io.msr.internal.lock.LockKey;
import io.msr.internal.lock.LockObserver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Logs lock waits and acquisitions and passes them on to the listener. */
final class LockObservers {

    private static final Logger log = LoggerFactory.getLogger(LockObservers.class);

    private LockObservers() {
    }

    /** Logs and tells the listener; remembers the holder it heard of last. */
    static Logging logging(MigrationListener listener) {
        return new Logging(listener);
    }

    /** The observer {@link #logging} returns. */
    static final class Logging implements LockObserver {

        private final MigrationListener listener;
        private @Nullable LockStatus lastHolder;

        private Logging(MigrationListener listener) {
            this.listener = listener;
        }

        /** Returns the holder heard of last while waiting, or null before the first report. */
        @Nullable LockStatus lastHolder() {
            return lastHolder;
        }

        @Override
        public void waiting(LockStatus holder, Duration waited) {
            lastHolder = holder;
            if (holder.held()) {
                log.info("Waiting for the migration lock {} ({} s so far): held by pid {} ('{}'){}", holder.key(),
                        waited.toSeconds(), holder.holderPid(), holder.applicationName(),
                        holder.connectedSince() == null ? "" : ", connected since " + holder.connectedSince());
            } else {
                log.info("Waiting for the migration lock {} ({} s so far)", holder.key(), waited.toSeconds());
            }
            listener.lockWaiting(holder, waited);
        }

        @Override
        public void acquired(LockKey key, Duration waited) {
            log.info("Migration lock {} acquired after {} ms", key, waited.toMillis());
            listener.lockAcquired(key.toString(), waited);
        }
    }
}
