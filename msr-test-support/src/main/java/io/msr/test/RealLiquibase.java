package io.msr.test;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

/**
 * Runs real Liquibase ({@code update}) against a test schema, as a team that managed it with Liquibase did, so tests
 * of taking a database over from Liquibase start from the tables Liquibase itself writes. Needs
 * {@code org.liquibase:liquibase-core} on the test class path (an optional dependency of this module).
 */
public final class RealLiquibase {

    /** A changelog of two changesets: {@code users} by alice and {@code notes} by bob, each creating its table. */
    public static final String USERS_AND_NOTES = """
            databaseChangeLog:
              - changeSet:
                  id: users
                  author: alice
                  changes:
                    - createTable:
                        tableName: users
                        columns:
                          - column:
                              name: id
                              type: int
              - changeSet:
                  id: notes
                  author: bob
                  changes:
                    - createTable:
                        tableName: notes
                        columns:
                          - column:
                              name: id
                              type: int
            """;

    private RealLiquibase() {
    }

    /** Writes {@code changelog} as {@code folder/file} ({@code file} may have folders), creating them; returns it. */
    public static Path write(Path folder, String file, String changelog) throws IOException {
        Path target = folder.resolve(file);
        Files.createDirectories(target.getParent());
        return Files.writeString(target, changelog);
    }

    /**
     * Runs Liquibase's {@code update} of {@code folder/file} into {@code schema}, with its analytics off.
     *
     * @throws Exception what Liquibase throws
     */
    public static void update(TestDatabase db, String schema, Path folder, String file) throws Exception {
        try (Connection connection = db.connect()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            database.setDefaultSchemaName(schema);
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(folder),
                    "liquibase.analytics.enabled", false), () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, file)
                    .execute());
        }
    }
}
