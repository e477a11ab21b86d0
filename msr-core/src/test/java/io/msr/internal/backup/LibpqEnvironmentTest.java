package io.msr.internal.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The libpq environment for each JDBC URL form, checked against what pgJDBC (on the test class path, as it is at run
 * time wherever a URL is used) connects to.
 */
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql:app                          | localhost | 5432           | app",
            "jdbc:postgresql:///app                       | localhost | 5432           | app",
            "jdbc:postgresql://host/db                    | host      | 5432           | db",
            "jdbc:postgresql://[::1]:5433/db              | ::1       | 5433           | db",
            "jdbc:postgresql://[::1]/db                   | ::1       | 5432           | db",
            "jdbc:postgresql://h1:5432,h2:5433/db         | h1,h2     | 5432,5433      | db",
            "jdbc:postgresql://h1,h2/db                   | h1,h2     | 5432,5432      | db",
            "jdbc:postgresql://a,b:5433,[::1]:5434/app    | a,b,::1   | 5432,5433,5434 | app",
            "jdbc:postgresql://h/my%20db                  | h         | 5432           | my db",
            "jdbc:postgresql:caf%C3%A9                    | localhost | 5432           | café",
            "jdbc:postgresql://h/a%2Fb%3Dc?sslmode=prefer | h         | 5432           | a/b=c"})
    void eachUrlFormNamesTheServersAndDatabasePgJdbcConnectsTo(String url, String hosts, String ports,
            String database) {
        LibpqEnvironment.Target target = parse(url, "u", null);
        assertThat(target.database()).isEqualTo(database);
        assertThat(target.environment()).contains(entry("PGHOST", hosts), entry("PGPORT", ports),
                entry("PGDATABASE", database));
    }

    @Test
    void withoutADatabaseNameTheToolsUseTheUsersDatabaseAsTheServerDoes() {
        assertThat(parse("jdbc:postgresql:", "owner", null).database()).isEqualTo("owner");
        assertThat(parse("jdbc:postgresql:?user=owner", "other", null).environment())
                .contains(entry("PGDATABASE", "owner"), entry("PGHOST", "localhost"), entry("PGPORT", "5432"));
        assertThat(parse("jdbc:postgresql://h/", "owner", null).environment()).containsEntry("PGDATABASE", "owner");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql:/", "jdbc:postgresql://h:port/app?password=s3cret",
            "jdbc:postgresql://h?user=u&password=s3cret", "jdbc:postgresql://h:70000/app?password=s3cret"})
    void aUrlPgJdbcRefusesIsRefusedNamingItWithoutThePassword(String url) {
        assertThatThrownBy(() -> parse(url, "u", "s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(io.msr.Redaction.redact(url))
                .hasMessageContaining("jdbc:postgresql://host:port/database")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void theDriverNeverLogsTheUrlOfARefusedUrlWithItsPassword() {
        java.util.logging.Logger driverLog = java.util.logging.Logger.getLogger("org.postgresql");
        StringBuilder logged = new StringBuilder();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.append(record.getMessage()).append(java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        driverLog.addHandler(handler);
        try {
            assertThatThrownBy(() -> parse("jdbc:postgresql://h?user=u&password=s3cret", "u", null))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            driverLog.removeHandler(handler);
        }
        assertThat(logged).contains("password=****").doesNotContain("s3cret");
    }

    @Test
    void urlParametersWinOverTheSeparateCredentialsAndAreDecodedAsPgJdbcDoes() {
        Map<String, String> environment = parse("jdbc:postgresql://h/my%20db?user=owner&password=p%40ss"
                + "&sslmode=require&sslrootcert=/certs/ca.pem&sslcert=/certs/c.pem&sslkey=/certs/c.key"
                + "&connectTimeout=5&options=-c%20search_path%3Dapp", "other", "ignored").environment();
        assertThat(environment).contains(entry("PGDATABASE", "my db"), entry("PGUSER", "owner"),
                entry("PGPASSWORD", "p@ss"), entry("PGSSLMODE", "require"), entry("PGSSLROOTCERT", "/certs/ca.pem"),
                entry("PGSSLCERT", "/certs/c.pem"), entry("PGSSLKEY", "/certs/c.key"), entry("PGCONNECT_TIMEOUT", "5"),
                entry("PGOPTIONS", "-c search_path=app"));
    }

    @Test
    void theSeparateCredentialsApplyWhenTheUrlHasNone() {
        assertThat(parse("jdbc:postgresql:app", "migrator", "s3cret").environment())
                .contains(entry("PGUSER", "migrator"), entry("PGPASSWORD", "s3cret"));
    }

    @Test
    void withoutAnyUserTheToolsConnectAsTheJavaProcessUserAsPgJdbcDoes() {
        LibpqEnvironment.Target target = parse("jdbc:postgresql://h/", null, null);
        assertThat(target.environment()).containsEntry("PGUSER", System.getProperty("user.name"))
                .containsEntry("PGDATABASE", System.getProperty("user.name"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"jdbc:postgresql://h/app, prefer", "jdbc:postgresql://h/app?ssl=true, verify-full",
            "jdbc:postgresql://h/app?ssl, verify-full", "jdbc:postgresql://h/app?ssl=false, prefer",
            "jdbc:postgresql://h/app?ssl=true&sslmode=require, require",
            "jdbc:postgresql://h/app?sslmode=VERIFY-CA, verify-ca"})
    void theSslModeIsTheOnePgJdbcUses(String url, String sslMode) {
        assertThat(parse(url, "u", null).environment()).containsEntry("PGSSLMODE", sslMode);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"any, any", "primary, read-write", "master, read-write", "secondary, standby", "slave, standby",
            "preferSecondary, prefer-standby", "preferSlave, prefer-standby", "preferPrimary, any"})
    void theTargetServerTypeBecomesTheSessionAttributesLibpqLooksFor(String serverType, String sessionAttributes) {
        assertThat(parse("jdbc:postgresql://a,b/app?targetServerType=" + serverType, "u", null).environment())
                .containsEntry("PGTARGETSESSIONATTRS", sessionAttributes);
    }

    @Test
    void theToolsGiveUpConnectingWhenPgJdbcWouldAndPickHostsAsItDoes() {
        assertThat(parse("jdbc:postgresql://a,b/app", "u", null).environment())
                .contains(entry("PGCONNECT_TIMEOUT", "10"), entry("PGTARGETSESSIONATTRS", "any"),
                        entry("PGLOADBALANCEHOSTS", "disable"));
        assertThat(parse("jdbc:postgresql://a,b/app?loadBalanceHosts=true", "u", null).environment())
                .containsEntry("PGLOADBALANCEHOSTS", "random");
    }

    @Test
    void inheritedLibpqVariablesTheUrlDoesNotSetAreRemovedSoTheyCannotChangeTheServer() {
        Map<String, String> environment = parse("jdbc:postgresql://h/app", "u", null).environment();
        assertThat(environment).contains(entry("PGHOSTADDR", null), entry("PGSERVICE", null),
                entry("PGPASSWORD", null), entry("PGOPTIONS", null), entry("PGSSLROOTCERT", null));
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
