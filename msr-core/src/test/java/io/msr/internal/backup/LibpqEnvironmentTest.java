package io.msr.internal.backup;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class LibpqEnvironmentTest {

    private static LibpqEnvironment.Target parse(String url, String user, String password) {
        return LibpqEnvironment.of(new ConnectionDetails(url, user, password));
    }

    @Test
    void hostPortDatabaseAndCredentialsBecomeLibpqVariables() {
        LibpqEnvironment.Target target = parse("jdbc:postgresql://db.internal:6432/app", "migrator", "s3cret");
        assertThat(target.database()).isEqualTo("app");
        assertThat(target.environment()).contains(entry("PGHOST", "db.internal"), entry("PGPORT", "6432"),
                entry("PGDATABASE", "app"), entry("PGUSER", "migrator"), entry("PGPASSWORD", "s3cret"),
                entry("PGAPPNAME", "msr backup"));
    }

    @Test
    void defaultsThePortAndKeepsSeveralHostsInOrder() {
        Map<String, String> environment = parse("jdbc:postgresql://a,b:5433,[::1]:5434/app"
                + "?targetServerType=primary", "u", null).environment();
        assertThat(environment).contains(entry("PGHOST", "a,b,::1"), entry("PGPORT", "5432,5433,5434"),
                entry("PGTARGETSESSIONATTRS", "read-write")).doesNotContainKey("PGPASSWORD");
    }

    @Test
    void urlParametersWinAndAreDecodedAsPgJdbcDoes() {
        Map<String, String> environment = parse("jdbc:postgresql://h/my%20db?user=owner&password=p%40ss&sslmode=require"
                + "&sslrootcert=/certs/ca.pem&connectTimeout=5&options=-c%20search_path%3Dapp", "other", "ignored")
                .environment();
        assertThat(environment).contains(entry("PGDATABASE", "my db"), entry("PGUSER", "owner"),
                entry("PGPASSWORD", "p@ss"), entry("PGSSLMODE", "require"), entry("PGSSLROOTCERT", "/certs/ca.pem"),
                entry("PGCONNECT_TIMEOUT", "5"), entry("PGOPTIONS", "-c search_path=app"));
    }

    @Test
    void sslTrueAloneMeansVerifyFullAsInPgJdbc() {
        assertThat(parse("jdbc:postgresql://h/app?ssl=true", "u", null).environment())
                .containsEntry("PGSSLMODE", "verify-full");
    }

    @Test
    void theShortFormNamesOnlyTheDatabase() {
        LibpqEnvironment.Target target = parse("jdbc:postgresql:app", "u", null);
        assertThat(target.database()).isEqualTo("app");
        assertThat(target.environment()).doesNotContainKeys("PGHOST", "PGPORT");
    }

    @Test
    void otherDatabasesAreRefusedWithoutShowingTheUrl() {
        assertThatThrownBy(() -> parse("jdbc:mysql://h/app?password=s3cret", "u", "s3cret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jdbc:mysql:...'")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void connectionDetailsNeverPrintThePassword() {
        assertThat(new ConnectionDetails("jdbc:postgresql://h/app?password=s3cret", "u", "s3cret").toString())
                .doesNotContain("s3cret");
    }
}
