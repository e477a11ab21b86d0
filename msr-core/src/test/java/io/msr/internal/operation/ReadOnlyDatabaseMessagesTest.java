package io.msr.internal.operation;

import io.msr.ExitCode;
import io.msr.MigrationFailedException;
import io.msr.MsrDatabaseException;
import io.msr.MsrException;
import io.msr.Version;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which read-only message a refused write gets: a hot standby cannot be made here, so its choice is tested alone. */
class ReadOnlyDatabaseMessagesTest {

    private static final MsrException REFUSED_IN_MIGRATION = new MigrationFailedException("Migration V2"
            + " (V2_b.up.sql, line 1) failed: ERROR: cannot execute CREATE TABLE in a read-only transaction (SQLState"
            + " 25006). Its transaction was rolled back, so none of its changes remain.", Version.of(2L), "V2_b.up.sql",
            1, "25006", null);

    @Test
    void aStandbyInRecoveryIsAConnectionProblemThatNamesThePrimary() {
        MsrException error = ReadOnlyDatabase.explain(REFUSED_IN_MIGRATION,
                new ReadOnlyDatabase.Facts(true, false, "app", "shop"));

        assertThat(error.exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(error.getMessage()).startsWith("The database is read-only: the server is a hot standby")
                .contains("pg_is_in_recovery()").contains("primary").contains("V2, V2_b.up.sql")
                .contains("cannot execute CREATE TABLE in a read-only transaction");
        assertThat(error.sqlState()).contains("25006");
        assertThat(error.version()).contains(Version.of(2L));
    }

    @Test
    void aReadOnlyDefaultIsAMisconfigurationThatNamesRoleDatabaseAndTheSetting() {
        MsrException refused = new MsrDatabaseException("Could not create the history table \"public\".\"h\" (the"
                + " migration user needs CREATE on schema public): ERROR: cannot execute CREATE TABLE in a read-only"
                + " transaction (SQLState 25006).", null, null, null, "25006", null);

        MsrException error = ReadOnlyDatabase.explain(refused, new ReadOnlyDatabase.Facts(false, true, "app", "shop"));

        assertThat(error.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(error.getMessage()).startsWith("The database session is read-only")
                .contains("ALTER ROLE app RESET default_transaction_read_only")
                .contains("ALTER DATABASE shop RESET default_transaction_read_only").doesNotContain("needs CREATE");
    }

    @Test
    void aStandbyWinsOverTheSettingAndAReadOnlyTransactionTheMigrationAskedForStaysItsFailure() {
        assertThat(ReadOnlyDatabase.explain(REFUSED_IN_MIGRATION, new ReadOnlyDatabase.Facts(true, true, "a", "b"))
                .exitCode()).isEqualTo(ExitCode.CONNECTION);
        assertThat(ReadOnlyDatabase.explain(REFUSED_IN_MIGRATION, new ReadOnlyDatabase.Facts(false, false, "a", "b")))
                .isSameAs(REFUSED_IN_MIGRATION);
    }

    @Test
    void otherErrorsAreLeftAsTheyAre() {
        MsrException other = new MigrationFailedException("Migration V2 failed: syntax", Version.of(2L), "V2_b.up.sql",
                1, "42601", null);

        assertThat(ReadOnlyDatabase.explain(other, (java.sql.Connection) null)).isSameAs(other);
    }
}
