package io.msr.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import java.util.Arrays;
import java.util.List;

/**
 * Fails startup when Flyway or Liquibase would migrate the same database too: their auto-configuration (or the
 * application) defined their migration bean. Two tools with two histories over one schema disagree about its version
 * sooner or later. A tool given its own URL ({@code spring.flyway.url}, {@code spring.liquibase.url}) that differs
 * from the one MSR migrates ({@code msr.datasource.url}, else {@code spring.datasource.url}) works on another
 * database and is left alone. Checks bean definitions, before any bean is created, so it also works with the lazy
 * beans of one-shot modes.
 */
final class OtherMigrationToolsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private @Nullable Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    /**
     * Another migration tool.
     *
     * @param name     its name
     * @param beanType the class of the bean that migrates
     * @param property the property that turns its Spring Boot auto-configuration off
     * @param url      the property that points it at a database of its own
     */
    record Tool(String name, String beanType, String property, String url) {
    }

    static final List<Tool> TOOLS = List.of(
            new Tool("Flyway", "org.flywaydb.core.Flyway", "spring.flyway.enabled", "spring.flyway.url"),
            new Tool("Liquibase", "liquibase.integration.spring.SpringLiquibase", "spring.liquibase.enabled",
                    "spring.liquibase.url"));

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (Tool tool : TOOLS) {
            ClassLoader classLoader = beanFactory.getBeanClassLoader();
            if (!ClassUtils.isPresent(tool.beanType(), classLoader) || migratesAnotherDatabase(tool)) {
                continue;
            }
            String[] beans = beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(tool.beanType(), classLoader),
                    true, false);
            if (beans.length > 0) {
                throw new OtherMigrationToolException(tool, Arrays.asList(beans));
            }
        }
    }

    private boolean migratesAnotherDatabase(Tool tool) {
        if (environment == null) {
            return false;
        }
        String own = environment.getProperty(tool.url());
        String migrated = environment.getProperty("msr.datasource.url", environment.getProperty("spring.datasource.url"));
        return own != null && migrated != null && !own.equals(migrated);
    }

    /** Another migration tool would run beside MSR. */
    static final class OtherMigrationToolException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final transient Tool tool;

        OtherMigrationToolException(Tool tool, List<String> beans) {
            super(tool.name() + " would migrate at startup as well as MSR (bean " + String.join(", ", beans) + "):"
                    + " two migration tools would keep two histories of one schema");
            this.tool = tool;
        }

        Tool tool() {
            return tool;
        }
    }
}
