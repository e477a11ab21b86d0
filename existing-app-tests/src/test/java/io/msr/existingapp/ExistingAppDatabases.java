package io.msr.existingapp;

import io.msr.test.PostgresServer;
import io.msr.test.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The two databases a test class of the existing application works on: the one MSR migrates and the audit
 * database it must never touch. Created once per class, dropped after it.
 */
abstract class ExistingAppDatabases {

    static TestDatabase db;
    static AuditDatabase audit;

    @BeforeAll
    static void createDatabases() {
        db = PostgresServer.shared().createDatabase();
        audit = new AuditDatabase();
    }

    @AfterAll
    static void dropDatabases() throws Exception {
        db.close();
        audit.close();
    }
}
