package io.msr.boot.autoconfigure.oneshot;

import io.msr.AcrossSchemas;
import io.msr.CheckSettings;
import io.msr.ConfigurationException;
import io.msr.Msr;
import io.msr.Version;
import io.msr.boot.autoconfigure.MsrMode;
import io.msr.boot.autoconfigure.MsrProperties;
import io.msr.boot.autoconfigure.SettingsFromProperties;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a one-shot operation ({@link OneShotOperation}) runs with: the properties, the engine, made on first use so
 * that an operation that needs no database never has one, and the check's settings. The parameters a mode requires
 * ({@code msr.target} for down, for example) are read here, failing with what to set when they are missing.
 */
public final class OneShotInputs {

    private final MsrProperties properties;
    private final Supplier<Msr> engine;
    private final Supplier<CheckSettings> checkSettings;
    private volatile Msr msr;

    /**
     * Creates the inputs.
     *
     * @param engine        makes the engine (the application context's {@code Msr} bean); called once, on first use
     * @param checkSettings makes the settings of {@code msr.mode=check}; called when the check runs
     */
    public OneShotInputs(MsrProperties properties, Supplier<Msr> engine, Supplier<CheckSettings> checkSettings) {
        this.properties = properties;
        this.engine = engine;
        this.checkSettings = checkSettings;
    }

    MsrMode mode() {
        return properties.getMode();
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
        return properties.getDrift().isRecord();
    }

    Version downTarget() {
        if (properties.getTarget() == null) {
            throw new ConfigurationException("msr.mode=down needs msr.target: the version to go back to"
                    + " (0 reverts every migration).");
        }
        return SettingsFromProperties.targetVersion(properties);
    }

    Version baselineVersion() {
        Version version = SettingsFromProperties.baselineVersion(properties);
        if (version == null) {
            throw new ConfigurationException("msr.mode=baseline needs msr.baseline-version: the version the"
                    + " schema already holds everything up to (the migrations up to it are then covered, and"
                    + " only newer ones run).");
        }
        return version;
    }

    Path backupFile() {
        if (properties.getBackup().getFile() == null) {
            throw new ConfigurationException("msr.mode=restore needs msr.backup.file: the backup file to"
                    + " restore (one written by msr.mode=backup or kept by msr.backup.keep).");
        }
        return properties.getBackup().getFile();
    }
}
