package io.msr.boot.autoconfigure;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SliceModeContextCustomizerFactoryTest {

    private final SliceModeContextCustomizerFactory factory = new SliceModeContextCustomizerFactory();

    @Test
    void aJdbcSliceMigratesOnStartByDefault() {
        assertThat(modeAfterCustomizing(JdbcSlice.class, Map.of())).isEqualTo("migrate-on-start");
    }

    @Test
    void aTestNestedInASliceMigratesOnStartByDefault() {
        assertThat(modeAfterCustomizing(JdbcSlice.Inner.class, Map.of())).isEqualTo("migrate-on-start");
    }

    @Test
    void anExplicitModeWinsInASlice() {
        assertThat(modeAfterCustomizing(JdbcSlice.class, Map.of("msr.mode", "none"))).isEqualTo("none");
    }

    @Test
    void aSpringBootTestKeepsTheApplicationsDefault() {
        assertThat(factory.createContextCustomizer(FullApplication.class, List.of())).isNull();
    }

    @Test
    void anR2dbcSliceMigratesOnStartOnlyWhenMsrHasItsOwnJdbcUrl() {
        ContextCustomizer r2dbc = new SliceModeContextCustomizerFactory.MigrateOnStartByDefault(true);
        assertThat(modeAfterCustomizing(r2dbc, Map.of())).isNull();
        assertThat(modeAfterCustomizing(r2dbc, Map.of("msr.datasource.url", "jdbc:postgresql://db/app")))
                .isEqualTo("migrate-on-start");
    }

    @Test
    void slicesShareOneCustomizerSoTheirContextsCanBeCached() {
        assertThat(factory.createContextCustomizer(JdbcSlice.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(JdbcSlice.Inner.class, List.of()));
    }

    private String modeAfterCustomizing(Class<?> testClass, Map<String, Object> properties) {
        return modeAfterCustomizing(factory.createContextCustomizer(testClass, List.of()), properties);
    }

    private static String modeAfterCustomizing(ContextCustomizer customizer, Map<String, Object> properties) {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
            customizer.customizeContext(context, null);
            return context.getEnvironment().getProperty("msr.mode");
        }
    }

    @JdbcTest
    static class JdbcSlice {
        @Nested
        class Inner {
        }
    }

    @SpringBootTest
    static class FullApplication {
    }
}
