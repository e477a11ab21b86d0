package io.msr.boot.autoconfigure.oneshot;

import io.msr.AcrossSchemas;
import io.msr.CheckSettings;
import io.msr.ConfigurationException;
import io.msr.Msr;
import io.msr.Version;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a one-shot operation ({@link OneShotOperation}) runs with: its settings, the engine, made on first use so
 * that an operation that needs no database never has one, and the check's settings. The parameters a mode requires
 * ({@code msr.target} for down, for example) are read here, failing with what to set when they are missing.
 */
public final class OneShotInputs {

    private final OneShotSettings settings;
    private final Supplier<Msr> engine;
    private final Supplier<CheckSettings> checkSettings;
    private volatile @Nullable Msr msr;

    /**
     * Creates the inputs.
     *
     * @param engine        makes the engine (the application context's {@code Msr} bean); called once, on first use
     * @param checkSettings makes the settings of {@code msr.mode=check}; called when the check runs
     */
    public OneShotInputs(OneShotSettings settings, Supplier<Msr> engine, Supplier<CheckSettings> checkSettings) {
        this.settings = settings;
        this.engine = engine;
        this.checkSettings = checkSettings;
    }

    OneShotSettings settings() {
        return settings;
    }

    /** Returns the value of {@code msr.mode}, as messages name it. */
    String mode() {
        return settings.mode();
    }

    /** Returns the engine, making it on first use. */
    Msr msr() {
        Msr made = msr;
        if (made == null) {
            synchronized (this) {
                if (msr == null) {
                    msr = engine.get();
                }
                made = msr;
            }
        }
        return made;
    }

    /** Returns the operations over many schemas of the engine. */
    AcrossSchemas schemas() {
        return msr().acrossSchemas();
    }

    /** Stops the engine's operations ({@link Msr#stop()}) when an engine was made; without one, does nothing. */
    void stop() {
        Msr made = msr;
        if (made != null) {
            made.stop();
        }
    }

    CheckSettings checkSettings() {
        return checkSettings.get();
    }

    boolean recordDrift() {
        return settings.recordDrift();
    }

    Version downTarget() {
        Version version = settings.target().get();
        if (version == null) {
            throw new ConfigurationException("msr.mode=down needs msr.target: the version to go back to"
                    + " (0 reverts every migration).");
        }
        return version;
    }

    Version baselineVersion() {
        Version version = settings.baselineVersion().get();
        if (version == null) {
            throw new ConfigurationException("msr.mode=baseline needs msr.baseline-version: the version the"
                    + " schema already holds everything up to (the migrations up to it are then covered, and"
                    + " only newer ones run).");
        }
        return version;
    }

    Path backupFile() {
        if (settings.backupFile() == null) {
            throw new ConfigurationException("msr.mode=restore needs msr.backup.file: the backup file to"
                    + " restore (one written by msr.mode=backup or kept by msr.backup.keep).");
        }
        return settings.backupFile();
    }
}
