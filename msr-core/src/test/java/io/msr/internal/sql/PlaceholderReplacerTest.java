package io.msr.internal.sql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceholderReplacerTest {

    private static PlaceholderReplacer.Replaced replace(String text, Map<String, String> values) {
        return PlaceholderReplacer.replace(text, values::get);
    }

    @Test
    void replacesEveryPlaceholderWithItsValue() {
        assertThat(replace("create table ${schema}.t (id ${type}); -- in ${schema}",
                Map.of("schema", "app", "type", "bigint")).text())
                .isEqualTo("create table app.t (id bigint); -- in app");
    }

    @Test
    void replacesInsideStringsCommentsAndDollarQuotedBodiesAsFlywayDoes() {
        String sql = "select '${a}', $$ ${a} $$, $fn$${a}$fn$; /* ${a} */ -- ${a}";
        assertThat(replace(sql, Map.of("a", "x")).text())
                .isEqualTo("select 'x', $$ x $$, $fn$x$fn$; /* x */ -- x");
    }

    @Test
    void leavesADollarBraceThatIsNotAWellFormedPlaceholderAsItIs() {
        String sql = "select '${', '${}', '${1x}', '${a b}', '${a', '$ {a}', '{a}'";
        assertThat(replace(sql, Map.of("a", "x")).text()).isEqualTo(sql);
        assertThat(PlaceholderReplacer.find(sql)).isEmpty();
    }

    @Test
    void leavesAPlaceholderWithoutAValueAsWritten() {
        assertThat(replace("select ${a}, ${b}", Map.of("a", "1")).text()).isEqualTo("select 1, ${b}");
    }

    @Test
    void findsNamesWithDotsDashesAndTheMsrPrefixWithTheirIndexes() {
        assertThat(PlaceholderReplacer.find("x ${my.name-2} ${msr:schema}"))
                .containsExactly(new PlaceholderReplacer.Found("my.name-2", 2), new PlaceholderReplacer.Found("msr:schema", 15));
    }

    @Test
    void mapsIndexesAfterAValueBackToTheOriginalText() {
        String original = "select ${v} + nosuch";
        PlaceholderReplacer.Replaced longer = replace(original, Map.of("v", "1\n+\n2"));
        assertThat(longer.text()).isEqualTo("select 1\n+\n2 + nosuch");
        assertThat(longer.originalIndex(longer.text().indexOf("nosuch"))).isEqualTo(original.indexOf("nosuch"));
        PlaceholderReplacer.Replaced shorter = replace(original, Map.of("v", ""));
        assertThat(shorter.originalIndex(shorter.text().indexOf("nosuch"))).isEqualTo(original.indexOf("nosuch"));
        assertThat(longer.originalIndex(0)).isZero();
    }

    @Test
    void mapsAnIndexInsideAValueToItsPlaceholder() {
        String original = "a ${v} b ${w} c";
        PlaceholderReplacer.Replaced replaced = replace(original, Map.of("v", "12345", "w", "z"));
        assertThat(replaced.text()).isEqualTo("a 12345 b z c");
        assertThat(replaced.originalIndex(4)).isEqualTo(2);
        assertThat(replaced.originalIndex(10)).isEqualTo(original.indexOf("${w}"));
        assertThat(replaced.originalIndex(12)).isEqualTo(original.indexOf(" c") + 1);
    }

    @Test
    void leavesTextWithoutPlaceholdersUntouched() {
        PlaceholderReplacer.Replaced replaced = replace("select $1, $tag$ {x} $tag$", Map.of());
        assertThat(replaced.text()).isEqualTo("select $1, $tag$ {x} $tag$");
        assertThat(replaced.originalIndex(7)).isEqualTo(7);
    }
}
