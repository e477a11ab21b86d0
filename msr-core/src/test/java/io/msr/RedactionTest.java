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
    void masksPasswordsWithSemicolonsSpacesAndUrlCharacters() {
        assertThat(Redaction.redact("host=db user=app password='a b;c' dbname=app"))
                .isEqualTo("host=db user=app password=**** dbname=app");
        assertThat(Redaction.redact("host=db password = 'it\\'s;x y' dbname=app"))
                .isEqualTo("host=db password = **** dbname=app");
        assertThat(Redaction.redact("jdbc:postgresql://db/app?user=u&password=a;b&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/app?user=u&password=****&ssl=true");
        assertThat(Redaction.redact("postgres://user:p@ss/w?rd#1@db:5432/app is down"))
                .isEqualTo("postgres://user:****@db:5432/app is down");
    }

    @Test
    void masksSecretPlaceholderValuesAsTheServerOrJsonMayEchoThem() {
        Redaction redaction = Redaction.ofPlaceholders(java.util.Map.of("db_password", "it's \"x\"", "Api_Token", "t0k",
                "signing_KEY", "k3y", "tenant", "acme", "note", "n0te"), java.util.Set.of("NOTE"));
        assertThat(redaction.mask("a it's \"x\" b it''s \"x\" c it's \\\"x\\\" d t0k k3y n0te acme"))
                .isEqualTo("a **** b **** c **** d **** **** **** acme");
        assertThat(Redaction.isSecretPlaceholder("DB_PASSWORD", java.util.List.of())).isTrue();
        assertThat(Redaction.isSecretPlaceholder("client_secret", java.util.List.of())).isTrue();
        assertThat(Redaction.isSecretPlaceholder("greeting", java.util.List.of())).isFalse();
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
