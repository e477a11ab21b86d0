package io.msr.boot.autoconfigure;

import io.msr.MsrSettings;

/**
 * Adjusts the engine settings after they are bound from {@code msr.*}. Every bean of this type is applied, in
 * {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface MsrSettingsCustomizer {

    /** Adjusts the settings. */
    void customize(MsrSettings.Builder settings);
}
