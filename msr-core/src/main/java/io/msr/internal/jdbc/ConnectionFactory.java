package io.msr.internal.jdbc;

import java.sql.Connection;

/**
 * Opens new connections to the migration database. Failures are reported as
 * {@link io.msr.ConnectionException} with a message that names the target without its password.
 */
@FunctionalInterface
public interface ConnectionFactory {

    /** Opens a new connection; the caller must close it. */
    Connection open();
}
