package io.msr.boot.autoconfigure.oneshot;

import io.msr.AcrossSchemas;
import io.msr.ExitCode;
import io.msr.InfoResult;
import io.msr.Msr;
import io.msr.Operation;
import io.msr.OperationResult;
import io.msr.SchemaOutcome;
import io.msr.SchemasResult;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The schemas MSR works on, decided once when the context starts (by the root's configurations): {@link Many} when
 * {@code msr.schemas} or an {@code MsrSchemaSource} bean lists them, each worked on by {@link Msr#acrossSchemas()};
 * else {@link One}, the set of one schema of {@code msr.schema} (the connection's default when unset), worked on by
 * {@link Msr} itself. Verify mode, migrate-on-start and the one-shot operations follow it instead of asking again: a
 * set of one reads, reports and serves exactly what a single schema always did, many schemas what many schemas always
 * did.
 */
public sealed interface TargetSchemas {

    /** Returns true for the schemas of msr.schemas or an {@code MsrSchemaSource}, false for a set of one. */
    boolean listed();

    /**
     * Returns the operations over the listed schemas, or empty for a set of one, whose operations are those of
     * {@code msr} itself (the one-shot runner's choice between an operation and the same operation over schemas).
     */
    Optional<AcrossSchemas> acrossSchemas(Msr msr);

    /** Finds the schemas at startup, failing as the first reading would: reads the one schema, or lists the schemas. */
    void find(Msr msr);

    /**
     * Reads every schema. A set of one reads as {@link Msr#info()}, throwing what it throws, and comes back as one
     * succeeded outcome; the listed schemas never throw for a schema, whose failure is its outcome.
     */
    SchemasResult<InfoResult> info(Msr msr);

    /**
     * Migrates every schema, migrate-on-start's default {@code MsrMigrationStrategy}: when one of the listed schemas
     * failed, fails startup naming the failed schemas.
     */
    void migrate(Msr msr);

    /** The set of one: {@code schema}, or the connection's default schema when null. */
    record One(@Nullable String schema) implements TargetSchemas {

        @Override
        public boolean listed() {
            return false;
        }

        @Override
        public Optional<AcrossSchemas> acrossSchemas(Msr msr) {
            return Optional.empty();
        }

        @Override
        public void find(Msr msr) {
            msr.info();
        }

        @Override
        public SchemasResult<InfoResult> info(Msr msr) {
            Instant startedAt = Instant.now();
            long start = System.nanoTime();
            InfoResult info = msr.info();
            return new SchemasResult<>(Operation.INFO, ExitCode.SUCCESS, startedAt,
                    (System.nanoTime() - start) / 1_000_000, 0, 1, List.of(SchemaOutcome.of(schema, info,
                    ExitCode.SUCCESS)));
        }

        @Override
        public void migrate(Msr msr) {
            msr.migrate();
        }
    }

    /** The schemas of msr.schemas or of the {@code MsrSchemaSource}, listed anew by each operation. */
    record Many() implements TargetSchemas {

        @Override
        public boolean listed() {
            return true;
        }

        @Override
        public Optional<AcrossSchemas> acrossSchemas(Msr msr) {
            return Optional.of(msr.acrossSchemas());
        }

        @Override
        public void find(Msr msr) {
            msr.acrossSchemas().schemas();
        }

        @Override
        public SchemasResult<InfoResult> info(Msr msr) {
            return msr.acrossSchemas().info();
        }

        @Override
        public void migrate(Msr msr) {
            SchemasResult<OperationResult> result = msr.acrossSchemas().migrate();
            if (!result.success()) {
                throw new IllegalStateException(SchemasText.failed(result));
            }
        }
    }
}
