package io.msr.internal.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCommandsTest {

    private static ClientCommands.Found first(String script) {
        return ClientCommands.first(script, SqlStatementSplitter.split(script));
    }

    @Test
    void findsAMetaCommandOutsideLiteralsAndComments() {
        String script = "select '\\i x';\n-- \\set x\n/* \\c db */ select E'\\\\';\n\\set owner app\n";
        ClientCommands.Found found = first(script);
        assertThat(found.offset()).isEqualTo(script.indexOf("\\set owner"));
        assertThat(found.message()).startsWith("psql meta-command \\set is not SQL").contains("msr.placeholders");
    }

    @Test
    void namesWhatToDoInsteadOfEachMetaCommand() {
        assertThat(first("\\i other.sql\n").message()).contains("\\i ").contains("migration of its own");
        assertThat(first("\\connect app\n").message()).contains("\\connect");
        assertThat(first("\\copy t from 'data.csv'\n").message()).contains("CopyManager");
        assertThat(first("select 1 \\gexec\n").message()).contains("\\gexec").contains("SQL only");
    }

    @Test
    void findsCopyFromStdinAtItsStatement() {
        String script = "create table t (a int);\n-- data\ncopy t (a) from STDIN with (format csv);\n1\n\\.\n";
        ClientCommands.Found found = first(script);
        assertThat(found.offset()).isEqualTo(script.indexOf("copy t"));
        assertThat(found.message()).startsWith("COPY ... FROM STDIN needs psql").contains("CopyManager");
        assertThat(first("copy (select 1) to stdout;").message()).startsWith("COPY ... TO STDOUT");
    }

    @Test
    void leavesAloneWhatIsOnlyNamedLikeIt() {
        assertThat(first("copy t from '/srv/data.csv';\nselect stdin from copy_sources;\n"
                + "copy (select * from stdin) to '/tmp/x';\ncreate table stdout (a int);")).isNull();
        assertThat(first("select 1;")).isNull();
    }
}
