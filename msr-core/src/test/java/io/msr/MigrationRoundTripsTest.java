package io.msr;

import io.msr.test.CountingSocketFactory;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each migration costs on the wire beyond its own statements, counted by {@link CountingSocketFactory} on both the
 * migration and the lock connection, as the difference between a run of 25 pending migrations and one of 5, so that
 * what a run costs once (connecting, the lock, reading history, creating the history table) cancels out. A
 * regression guard, not a timing: before issue #15 a migration of one statement cost 6 statements in 5 round trips
 * (the lock check on the lock connection; BEGIN and the timeouts; the statement; the history row; COMMIT).
 */
@WithPostgres
class MigrationRoundTripsTest {

    /**
     * The round trips a migration of one statement costs: BEGIN, its timeouts and the lock check in one; its
     * statement; its history row and COMMIT in one.
     */
    static final int ROUND_TRIPS_PER_MIGRATION = 3;

    /** The statements it sends: BEGIN, the timeouts with the lock check, its statement, its row, COMMIT. */
    static final int STATEMENTS_PER_MIGRATION = 5;

    @TempDir
    Path dir;

    private final TestDatabase db;

    MigrationRoundTripsTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aTransactionalMigrationCostsItsStatementsAndFewRoundTripsMore() {
        Cost few = run(5, dir.resolve("few"));
        Cost many = run(25, dir.resolve("many"));
        double statements = (many.statements - few.statements) / 20.0;
        double roundTrips = (many.roundTrips - few.roundTrips) / 20.0;
        System.out.printf("per migration of one statement: %.2f statements, %.2f round trips%n", statements,
                roundTrips);
        assertThat(statements).isLessThanOrEqualTo(STATEMENTS_PER_MIGRATION);
        assertThat(roundTrips).isLessThanOrEqualTo(ROUND_TRIPS_PER_MIGRATION);
    }

    private Cost run(int migrations, Path folderPath) {
        String schema = db.freshSchema().name();
        MigrationFolder folder = new MigrationFolder(folderPath);
        for (int v = 1; v <= migrations; v++) {
            folder.write("V" + v + "_t.up.sql", "create table " + schema + ".t" + v + " (id int);");
        }
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?")
                + "sslmode=disable&socketFactory=" + CountingSocketFactory.class.getName();
        Msr msr = Msr.builder().url(url, db.username(), db.password())
                .settings(folder.settings().schema(schema).build()).build();
        int statements = CountingSocketFactory.statements();
        int roundTrips = CountingSocketFactory.roundTrips();
        assertThat(msr.migrate().succeeded()).hasSize(migrations);
        return new Cost(CountingSocketFactory.statements() - statements,
                CountingSocketFactory.roundTrips() - roundTrips);
    }

    private record Cost(int statements, int roundTrips) {
    }
}
