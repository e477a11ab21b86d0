package io.msr;

import io.msr.internal.jdbc.SqlErrors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void masksPasswordsInQueryParametersAndUserInfo() {
        assertThat(Redaction.redact("jdbc:postgresql://db:5432/app?user=u&password=s3cret&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=u&password=****&sslmode=require");
        assertThat(Redaction.redact("postgres://user:s3cret@db:5432/app")).isEqualTo("postgres://user:****@db:5432/app");
    }

    @Test
    void masksAKnownPasswordAnywhere() {
        assertThat(Redaction.redact("FATAL: bad thing hunter2 happened", "hunter2"))
                .isEqualTo("FATAL: bad thing **** happened");
    }

    @Test
    void classifiesConnectionErrorsBySqlState() {
        assertThat(SqlErrors.isConnectionError(new java.sql.SQLException("x", "28P01"))).isTrue();
        assertThat(SqlErrors.isConnectionError(new java.sql.SQLException("x", "08001"))).isTrue();
        assertThat(SqlErrors.isConnectionError(new java.sql.SQLException("x", "3D000"))).isTrue();
        assertThat(SqlErrors.isConnectionError(new java.sql.SQLException("x", "42601"))).isFalse();
    }
}
