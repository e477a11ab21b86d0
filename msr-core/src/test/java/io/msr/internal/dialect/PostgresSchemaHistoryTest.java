package io.msr.internal.dialect;

import io.msr.internal.history.table.SchemaHistoryContract;
import io.msr.test.TestDatabase;
import io.msr.test.TestSchema;
import io.msr.test.WithPostgres;

/** The history table works on PostgreSQL: {@link PostgresDialect} passes the schema history contract. */
@WithPostgres
class PostgresSchemaHistoryTest extends SchemaHistoryContract {

    private final TestDatabase db;

    PostgresSchemaHistoryTest(TestDatabase db) {
        this.db = db;
    }

    @Override
    protected Dialect dialect() {
        return new PostgresDialect("15");
    }

    @Override
    protected TestSchema freshSchema(String prefix) {
        return db.freshSchema(prefix);
    }
}
