package io.msr.internal.backup;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The names PgBackup puts on the tools' command lines, quoted so that the tools read them exactly. */
class PgBackupArgumentsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "app         | \"app\"",
            "TenantA     | \"TenantA\"",
            "Tenant B    | \"Tenant B\"",
            "we\"ird.*?  | \"we\"\"ird.*?\""})
    void pgDumpGetsEachSchemaAsAQuotedPatternSoItMatchesTheNameExactly(String schema, String pattern) {
        assertThat(PgBackup.schemaPattern(schema)).isEqualTo(pattern);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "app                | app",
            "my db              | my db",
            "a=b                | dbname='a=b'",
            "it's=\\            | dbname='it\\'s=\\\\'",
            "postgresql://x     | dbname='postgresql://x'",
            "postgres://x       | dbname='postgres://x'"})
    void pgRestoreGetsTheDatabaseNameAsLibpqReadsItNotAsAConnectionString(String database, String argument) {
        assertThat(PgBackup.dbnameArgument(database)).isEqualTo(argument);
    }
}
