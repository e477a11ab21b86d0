package io.msr.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.util.List;
import java.util.Map;

/**
 * Makes Spring Boot's database test slices ({@code @JdbcTest}, {@code @DataJdbcTest}, {@code @DataJpaTest},
 * {@code @JooqTest}: every test annotated, directly or not, with {@code @AutoConfigureDataSourceInitialization})
 * migrate the way they run Flyway: {@code msr.mode} defaults to {@code migrate-on-start} there, since a slice test
 * has no migration Job to wait for. Any {@code msr.mode} set for the test (application properties, the slice's
 * {@code properties}, {@code @TestPropertySource}, {@code MSR_MODE}) wins. An R2DBC slice ({@code @DataR2dbcTest})
 * has no DataSource, so it gets the default only when {@code msr.datasource.url} gives MSR a JDBC connection.
 * Other tests ({@code @SpringBootTest} included) keep the application's default, verify.
 */
final class SliceModeContextCustomizerFactory implements ContextCustomizerFactory {

    static final String DATA_SOURCE_INITIALIZATION =
            "org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureDataSourceInitialization";
    static final String DATA_R2DBC = "org.springframework.boot.data.r2dbc.test.autoconfigure.AutoConfigureDataR2dbc";
    static final String JDBC = "org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureJdbc";

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        MergedAnnotations annotations = MergedAnnotations.search(SearchStrategy.TYPE_HIERARCHY)
                .withEnclosingClasses(TestContextAnnotationUtils::searchEnclosingClass).from(testClass);
        if (!annotations.isPresent(DATA_SOURCE_INITIALIZATION)) {
            return null;
        }
        boolean r2dbcOnly = annotations.isPresent(DATA_R2DBC) && !annotations.isPresent(JDBC);
        return new MigrateOnStartByDefault(r2dbcOnly);
    }

    /** Adds {@code msr.mode=migrate-on-start} with the lowest precedence, so that any explicit value wins. */
    record MigrateOnStartByDefault(boolean needsOwnUrl) implements ContextCustomizer {

        static final String SOURCE = "msrTestSliceDefaults";

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            ConfigurableEnvironment environment = context.getEnvironment();
            if (needsOwnUrl && environment.getProperty("msr.datasource.url") == null) {
                return;
            }
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                    Map.of("msr.mode", MsrMode.MIGRATE_ON_START.propertyValue())));
        }
    }
}
