package io.msr;

import java.util.List;

/**
 * An operation of {@link Msr} over many schemas, a schema per tenant ({@link Msr#acrossSchemas()}): each schema is
 * worked on as {@link Msr#forSchema} does, with its own history table and lock, at most
 * {@link MultiSchemaSettings#parallelism()} schemas at once, each on its own connections, and only the schemas of this
 * process's shard.
 *
 * <p>A schema failing does not stop the schemas already started; by default no new schema starts after one failed
 * ({@link MultiSchemaSettings#continueOnError()} changes that), and those left are reported as not started. A drift
 * found is a finding, not a failure: it never stops the others. The operations return rather than throw when schemas
 * fail: the result lists each schema's outcome and ends with the most severe exit code. They throw
 * {@link ConfigurationException} when no schema list is configured, and {@link MsrException} when the schema list
 * cannot be read from the {@link SchemaSource}.
 */
public interface AcrossSchemas {

    /**
     * Returns this process's schemas: the configured list, or the source's, in its order, this shard's only. Reading
     * the source opens one connection.
     */
    List<String> schemas();

    /** Runs {@link Msr#migrate()} in each schema. */
    SchemasResult<OperationResult> migrate();

    /** Runs {@link Msr#info()} in each schema; {@link SchemasResult#behind()} lists those with pending migrations. */
    SchemasResult<InfoResult> info();

    /** Runs {@link Msr#validate()} in each schema. */
    SchemasResult<OperationResult> validate();

    /** Runs {@link Msr#down(Version)} in each schema. */
    SchemasResult<OperationResult> down(Version target);

    /** Runs {@link Msr#repair()} in each schema. */
    SchemasResult<OperationResult> repair();

    /** Runs {@link Msr#baseline(Version)} in each schema. */
    SchemasResult<OperationResult> baseline(Version version);

    /** Runs {@link Msr#drift()} in each schema. */
    SchemasResult<DriftResult> drift();

    /** Runs {@link Msr#recordFingerprint()} in each schema. */
    SchemasResult<DriftResult> recordFingerprint();
}
