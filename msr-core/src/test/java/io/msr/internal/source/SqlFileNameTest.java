package io.msr.internal.source;

import io.msr.Version;
import io.msr.Direction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlFileNameTest {

    @Test
    void parsesAnUpFileWithATimestampVersion() {
        assertThat(SqlFileName.parse("V202601150930_create_users.up.sql"))
                .isEqualTo(new SqlFileName.Valid(Version.of(202601150930L), "create users", Direction.UP));
    }

    @Test
    void parsesADownFile() {
        assertThat(SqlFileName.parse("V1_init.down.sql")).isEqualTo(new SqlFileName.Valid(Version.of(1), "init", Direction.DOWN));
    }

    @Test
    void acceptsEighteenDigitsAndRejectsNineteen() {
        assertThat(SqlFileName.parse("V999999999999999999_x.up.sql")).isInstanceOf(SqlFileName.Valid.class);
        assertThat(SqlFileName.parse("V1000000000000000000_x.up.sql"))
                .isInstanceOfSatisfying(SqlFileName.Malformed.class,
                        m -> assertThat(m.reason()).contains("19 digits"));
    }

    @Test
    void rejectsVersionZero() {
        assertThat(SqlFileName.parse("V0_x.up.sql")).isInstanceOf(SqlFileName.Malformed.class);
    }

    @Test
    void suggestsTheMeantNameForFlywayStyleNames() {
        assertThat(SqlFileName.parse("V1__init.sql")).isInstanceOfSatisfying(SqlFileName.Malformed.class,
                m -> assertThat(m.suggestion()).isEqualTo("V1_init.up.sql"));
        assertThat(SqlFileName.parse("V2__add-users.sql")).isInstanceOfSatisfying(SqlFileName.Malformed.class,
                m -> assertThat(m.suggestion()).isEqualTo("V2_add_users.up.sql"));
        assertThat(SqlFileName.parse("U3__drop.sql")).isInstanceOfSatisfying(SqlFileName.Malformed.class,
                m -> assertThat(m.suggestion()).isEqualTo("V3_drop.down.sql"));
    }

    @Test
    void flagsADescriptionWithInvalidCharacters() {
        assertThat(SqlFileName.parse("V5_add-users.up.sql")).isInstanceOfSatisfying(SqlFileName.Malformed.class,
                m -> {
                    assertThat(m.reason()).contains("letters, digits and _");
                    assertThat(m.suggestion()).isEqualTo("V5_add_users.up.sql");
                });
    }

    @Test
    void flagsAMissingVersion() {
        assertThat(SqlFileName.parse("V_init.up.sql")).isInstanceOfSatisfying(SqlFileName.Malformed.class,
                m -> assertThat(m.reason()).contains("no version"));
    }

    @Test
    void ignoresFilesThatDoNotLookLikeMigrations() {
        assertThat(SqlFileName.parse("notes.sql")).isInstanceOf(SqlFileName.Ignored.class);
        assertThat(SqlFileName.parse("README.sql")).isInstanceOf(SqlFileName.Malformed.class);
        assertThat(SqlFileName.parse("seed.sql")).isInstanceOf(SqlFileName.Ignored.class);
        assertThat(SqlFileName.parse("V1_init.up.txt")).isInstanceOf(SqlFileName.Ignored.class);
    }
}
