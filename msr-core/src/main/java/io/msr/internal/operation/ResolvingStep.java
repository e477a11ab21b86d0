package io.msr.internal.operation;

import io.msr.Version;
import io.msr.internal.source.ResolvedMigration;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * A step that works on the local migrations by version (down, repair, baseline): it resolves them before any
 * connection is opened, so a broken file fails the operation before it touches the database.
 */
abstract class ResolvingStep implements OperationTemplate.Step {

    /** The engine's settings, listener, connections and resolver. */
    protected final EngineContext context;

    /** The local versioned migrations by version, set by {@link #prepare()}. */
    protected @Nullable Map<Version, ResolvedMigration> resolved;

    ResolvingStep(EngineContext context) {
        this.context = context;
    }

    @Override
    public void prepare() {
        resolved = context.resolveByVersion();
    }
}
