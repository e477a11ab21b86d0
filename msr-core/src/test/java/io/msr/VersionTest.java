package io.msr;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versions order part by part, numerically, as Flyway orders them. */
class VersionTest {

    @Test
    void ordersPartByPartNumerically() {
        List<String> sorted = Stream.of("2", "1.10", "1.2", "1", "2.0.10", "2.0.9", "10", "1.1")
                .map(Version::parse).sorted().map(Version::toString).toList();

        assertThat(sorted).containsExactly("1", "1.1", "1.2", "1.10", "2", "2.0.9", "2.0.10", "10");
    }

    @Test
    void underscoresReadAsDotsAndTrailingZerosAndLeadingZerosDoNotCount() {
        assertThat(Version.parse("2_0_10")).isEqualTo(Version.parse("2.0.10")).hasToString("2.0.10");
        assertThat(Version.parse("1.0")).isEqualTo(Version.of(1)).hasSameHashCodeAs(Version.of(1));
        assertThat(Version.parse("007")).isEqualTo(Version.of(7)).hasToString("7");
    }

    @Test
    void aSinglePartIsANumberInJsonAndDottedOnesAreText() {
        assertThat(Version.of(202601150930L).jsonValue()).isEqualTo(202601150930L);
        assertThat(Version.parse("1.2").jsonValue()).isEqualTo("1.2");
        assertThat(Version.parse("99999999999999999999").isNumber()).isFalse();
        assertThat(Version.jsonValue(null)).isNull();
    }

    @Test
    void refusesWhatIsNotAVersionNamingIt() {
        for (String bad : List.of("", "1..2", "v1", "1.a", "-1", "1.")) {
            assertThatThrownBy(() -> Version.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Version.parse("1.x")).hasMessageContaining("'1.x' is not a version");
    }
}
