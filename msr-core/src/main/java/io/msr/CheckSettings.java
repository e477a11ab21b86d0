package io.msr;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link Msr#check(CheckSettings)} checks, without a database.
 *
 * @param settings    the settings the checks read: locations, naming, strict, down policy, lint (enabled and
 *                    disabled rules), placeholders and placeholder replacement, transaction mode
 * @param projectDir  the folder that relative {@code filesystem:} locations and reported file paths start from; file
 *                    paths are reported relative to the enclosing git repository's root when there is one (as code
 *                    scanning wants them), else relative to this folder
 * @param baseRef     a git ref such as {@code origin/main}, or null: when set, migrations new on this branch must be
 *                    newer than every migration at the ref, and only files new or changed since the ref are linted
 *                    and held to the down policy
 * @param classLoader the class loader for {@code classpath:} locations, or null for the thread's context class loader
 */
public record CheckSettings(MsrSettings settings, @Nullable Path projectDir, @Nullable String baseRef,
        @Nullable ClassLoader classLoader) {

    /** Fills in the defaults: the working directory, no base ref, the context class loader. */
    public CheckSettings {
        Objects.requireNonNull(settings, "settings");
        projectDir = (projectDir == null ? Path.of("") : projectDir).toAbsolutePath().normalize();
        baseRef = baseRef == null || baseRef.isBlank() ? null : baseRef.strip();
        if (classLoader == null) {
            classLoader = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : Msr.class.getClassLoader();
        }
    }

    /** Checks with these settings from the working directory, with no base ref. */
    public static CheckSettings of(MsrSettings settings) {
        return new CheckSettings(settings, null, null, null);
    }
}
