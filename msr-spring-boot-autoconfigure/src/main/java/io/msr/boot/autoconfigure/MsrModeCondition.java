package io.msr.boot.autoconfigure;

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
 */
abstract class MsrModeCondition extends SpringBootCondition {

    private final String description;
    private final Predicate<MsrMode> predicate;

    MsrModeCondition(String description, Predicate<MsrMode> predicate) {
        this.description = description;
        this.predicate = predicate;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String value = context.getEnvironment().getProperty("msr.mode");
        MsrMode mode = mode(context.getEnvironment());
        boolean matches = mode != null ? predicate.test(mode) : this instanceof Enabled;
        String message = "msr.mode " + (value == null ? "(default verify)" : "'" + value + "'")
                + (matches ? " is " : " is not ") + description;
        return matches ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
    }

    /** Returns the configured mode, VERIFY when unset, or null when the value is not a mode. */
    static MsrMode mode(Environment environment) {
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

    /** MSR is on: any mode but none. */
    static final class Enabled extends MsrModeCondition {
        Enabled() {
            super("enabled (not none)", mode -> mode != MsrMode.NONE);
        }
    }

    /** Verify mode. */
    static final class Verify extends MsrModeCondition {
        Verify() {
            super("verify", mode -> mode == MsrMode.VERIFY);
        }
    }

    /** Migrate-on-start mode. */
    static final class MigrateOnStart extends MsrModeCondition {
        MigrateOnStart() {
            super("migrate-on-start", mode -> mode == MsrMode.MIGRATE_ON_START);
        }
    }

    /** A one-shot mode. */
    static final class OneShot extends MsrModeCondition {
        OneShot() {
            super("a one-shot mode", MsrMode::oneShot);
        }
    }

    /** A mode that cannot work without a database (every mode but verify and none). */
    static final class NeedsDatabase extends MsrModeCondition {
        NeedsDatabase() {
            super("a mode that needs a database", mode -> mode != MsrMode.VERIFY && mode != MsrMode.NONE);
        }
    }
}
