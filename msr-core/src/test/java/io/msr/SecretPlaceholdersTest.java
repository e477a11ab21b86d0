package io.msr;

import io.msr.test.TestDatabase;
import io.msr.test.WithPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The values of secret placeholders never leave the engine, even when the server echoes them in its errors. */
@WithPostgres
class SecretPlaceholdersTest {

    private static final String SECRET = "Pl4ce-S3cret";

    @TempDir
    Path dir;

    private final TestDatabase db;
    private MigrationFolder folder;
    private String schema;

    SecretPlaceholdersTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void freshSchema() {
        schema = db.freshSchema().name();
        folder = new MigrationFolder(dir);
    }

    private MigrationFailedException failure(MsrSettings.Builder settings) {
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> folder.msr(db, settings.schema(schema).build()).migrate());
        assertThat(error).isNotNull();
        String everything = error.getMessage() + error.toFailure().message() + error.result().orElseThrow().toJson();
        assertThat(everything).doesNotContain(SECRET).contains("****");
        return error;
    }

    @Test
    void aValueRaisedByTheServerIsMasked() {
        folder.write("V1_raise.up.sql", "do $$ begin raise exception 'cannot use %', '${db_password}'; end $$;");
        MigrationFailedException error = failure(folder.settings().placeholders(Map.of("db_password", SECRET)));
        assertThat(error.getMessage()).contains("cannot use ****");
    }

    @Test
    void aStatementEchoedInTheServersContextIsMasked() {
        folder.write("V1_echo.up.sql", "do $$ begin\n"
                + "  perform length('${api_token}') / 0;\n"
                + "end $$;");
        MigrationFailedException error = failure(folder.settings().placeholders(Map.of("API_TOKEN", SECRET)));
        assertThat(error.getMessage()).contains("Where: SQL statement").contains("length('****') / 0");
    }

    @Test
    void aValueInTheServersDetailIsMaskedForAPlaceholderListedAsSecret() {
        folder.write("V1_unique.up.sql", "create table ${msr:schema}.u (v text unique);\n"
                + "insert into ${msr:schema}.u values ('${tenant_note}');\n"
                + "insert into ${msr:schema}.u values ('${tenant_note}');");
        MigrationFailedException error = failure(folder.settings().placeholders(Map.of("tenant_note", SECRET))
                .secretPlaceholders(Set.of("Tenant_Note")));
        assertThat(error.getMessage()).contains("Detail: Key (v)=(****) already exists");
    }

    @Test
    void aValueThatIsNotSecretStaysVisible() {
        folder.write("V1_raise.up.sql", "do $$ begin raise exception 'cannot greet %', '${greeting}'; end $$;");
        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> folder.msr(db, folder.settings().schema(schema).placeholders(Map.of("greeting", "hello"))
                        .build()).migrate());
        assertThat(error.getMessage()).contains("cannot greet hello");
    }
}
