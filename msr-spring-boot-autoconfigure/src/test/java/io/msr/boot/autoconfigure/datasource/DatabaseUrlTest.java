package io.msr.boot.autoconfigure.datasource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void mapsAPostgresUrlToJdbcAndCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", "postgres://app%40corp:p%3Ass%2Fw0rd@db.internal:5433/orders?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/orders?sslmode=require");
        assertThat(url.username()).isEqualTo("app@corp");
        assertThat(url.password()).isEqualTo("p:ss/w0rd");
    }

    @Test
    void acceptsThePostgresqlSchemeAndNoPort() {
        assertThat(DatabaseUrl.parse("DATABASE_URL", "postgresql://u@db/app").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db/app");
    }

    @Test
    void rejectsMalformedUrlsWithoutShowingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "mysql://u:secret@db/app"))
                .hasMessageContaining("DATABASE_URL must look like postgres://").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> DatabaseUrl.parse("MSR_DATABASE_URL", "postgres://u:secret@db"))
                .hasMessageContaining("MSR_DATABASE_URL names no database").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "postgres://u:se cret@db/app"))
                .hasMessageContaining("not a valid URL").hasMessageNotContaining("se cret");
    }

    @Test
    void aPasswordWithUnencodedUrlCharactersIsRefusedNamingThemAndAskingForPercentEncoding() {
        for (String password : new String[] {"p@ss", "p#ss", "pa/ss", "p?ss", "a@b#c/d?e"}) {
            assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "postgres://app:" + password
                    + "@db.internal:5432/orders?sslmode=require"))
                    .as(password).hasMessageContaining("DATABASE_URL has an unencoded")
                    .hasMessageContaining("in its password").hasMessageContaining("percent-encode")
                    .hasMessageNotContaining(password).hasMessageNotContaining("ss@");
        }
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "postgres://app:a@b#c@db/orders"))
                .hasMessageContaining("'@' (%40), '#' (%23)");
        assertThatThrownBy(() -> DatabaseUrl.parse("MSR_DATABASE_URL", "postgres://a/b:secret@db/orders"))
                .hasMessageContaining("MSR_DATABASE_URL has an unencoded '/' (%2F) in its user name")
                .hasMessageNotContaining("secret");
    }

    @Test
    void anAtSignInTheQueryIsNotMistakenForTheUserInfo() {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", "postgres://u:pw@db/app?application_name=a@b");
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/app?application_name=a@b");
    }

    @Test
    void neverPrintsThePasswordInToString() {
        assertThat(DatabaseUrl.parse("DATABASE_URL", "postgres://u:secret@db/app").toString()).doesNotContain("secret");
    }
}
