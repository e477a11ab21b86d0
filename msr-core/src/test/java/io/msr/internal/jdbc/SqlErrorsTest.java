package io.msr.internal.jdbc;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which connection errors a wait for the database may heal; the real drivers' errors are in ConnectWaitTest. */
class SqlErrorsTest {

    private static SQLException error(String state, Throwable cause) {
        return new SQLException("failed", state, cause);
    }

    @Test
    void aDatabaseNotReachableYetOrStartingOrStoppingIsTransient() {
        assertThat(SqlErrors.isNotAcceptingYet(error("08001", new ConnectException("Connection refused")))).isTrue();
        assertThat(SqlErrors.isNotAcceptingYet(error("08001", new UnknownHostException("db")))).isTrue();
        assertThat(SqlErrors.isNotAcceptingYet(error("08006", new EOFException()))).isTrue();
        assertThat(SqlErrors.isNotAcceptingYet(error("57P03", null))).isTrue();
        assertThat(SqlErrors.isNotAcceptingYet(error("57P01", null))).isTrue();
        assertThat(SqlErrors.isNotAcceptingYet(error("57P02", null))).isTrue();
        // A pool's timeout carries the driver's error as its cause, as Hikari's does.
        assertThat(SqlErrors.isNotAcceptingYet(new SQLTransientConnectionException("timed out", "08001",
                error("08001", new ConnectException("Connection refused"))))).isTrue();
    }

    @Test
    void whatWaitingCannotHealIsNot() {
        assertThat(SqlErrors.isNotAcceptingYet(error("28P01", null))).isFalse();
        assertThat(SqlErrors.isNotAcceptingYet(error("28000", null))).isFalse();
        assertThat(SqlErrors.isNotAcceptingYet(error("3D000", null))).isFalse();
        assertThat(SqlErrors.isNotAcceptingYet(error("08004", null))).isFalse();
        assertThat(SqlErrors.isNotAcceptingYet(error("08006", new SSLHandshakeException("bad certificate")))).isFalse();
        assertThat(SqlErrors.isNotAcceptingYet(error("28P01", new ConnectException("odd")))).isFalse();
        assertThat(SqlErrors.isNotAcceptingYet(error(null, null))).isFalse();
    }
}
