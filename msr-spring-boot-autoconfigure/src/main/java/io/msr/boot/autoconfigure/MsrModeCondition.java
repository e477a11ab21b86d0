package io.msr.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Matches on the value of {@code msr.mode}. A value that is not a mode matches nothing here except
 * {@link Enabled}, so that binding {@link MsrProperties} fails with a message listing the valid values instead of
 * MSR silently doing nothing.
 *
 * <p>Spring AOT evaluates conditions once, when the application is built, but the same jar runs as the migrate
 * Job and as the application. So while AOT processes the application, the {@link RuntimeDecided} conditions match
 * whatever the build's mode, and their beans check the mode again when the application runs.
 */
public abstract class MsrModeCondition extends SpringBootCondition {

    /** Set (as a system property) while Spring AOT processes the application: {@code AbstractAotProcessor}. */
    public static final String AOT_PROCESSING = "spring.aot.processing";

    private final String description;
    private final Predicate<MsrMode> predicate;

    MsrModeCondition(String description, Predicate<MsrMode> predicate) {
        this.description = description;
        this.predicate = predicate;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (this instanceof RuntimeDecided && Boolean.parseBoolean(context.getEnvironment().getProperty(AOT_PROCESSING))) {
            return ConditionOutcome.match("msr.mode is decided when the AOT-processed application runs: "
                    + description + " beans are kept");
        }
        String value = context.getEnvironment().getProperty("msr.mode");
        MsrMode mode = mode(context.getEnvironment());
        boolean matches = mode != null ? predicate.test(mode) : this instanceof Enabled;
        String message = "msr.mode " + (value == null ? "(default verify)" : "'" + value + "'")
                + (matches ? " is " : " is not ") + description;
        return matches ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
    }

    /** Returns the configured mode, VERIFY when unset, or null when the value is not a mode. */
    public static @Nullable MsrMode mode(Environment environment) {
        String value = environment.getProperty("msr.mode");
        if (value == null || value.isBlank()) {
            return MsrMode.VERIFY;
        }
        String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (MsrMode mode : MsrMode.values()) {
            if (mode.name().equals(normalised) || mode.name().replace("_", "").equals(normalised)) {
                return mode;
            }
        }
        return null;
    }

    /** Marks the conditions whose beans check the mode again at run time (see the class comment). */
    interface RuntimeDecided {
    }

    /** MSR is on: any mode but none. */
    static final class Enabled extends MsrModeCondition {
        Enabled() {
            super("enabled (not none)", mode -> mode != MsrMode.NONE);
        }
    }

    /** Verify mode. */
    static final class Verify extends MsrModeCondition implements RuntimeDecided {
        Verify() {
            super("verify", mode -> mode == MsrMode.VERIFY);
        }
    }

    /** Migrate-on-start mode. */
    static final class MigrateOnStart extends MsrModeCondition implements RuntimeDecided {
        MigrateOnStart() {
            super("migrate-on-start", mode -> mode == MsrMode.MIGRATE_ON_START);
        }
    }

    /** A one-shot mode. */
    static final class OneShot extends MsrModeCondition implements RuntimeDecided {
        OneShot() {
            super("a one-shot mode", MsrMode::oneShot);
        }
    }

    /** A mode that cannot work without a database ({@link MsrMode#needsDatabase()}). */
    public static final class NeedsDatabase extends MsrModeCondition {
        public NeedsDatabase() {
            super("a mode that needs a database", MsrMode::needsDatabase);
        }
    }
}
