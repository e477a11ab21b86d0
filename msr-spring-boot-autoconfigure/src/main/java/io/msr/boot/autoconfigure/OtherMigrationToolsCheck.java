package io.msr.boot.autoconfigure;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

import java.util.Arrays;
import java.util.List;

/**
 * Fails startup when Flyway or Liquibase would migrate too: their auto-configuration (or the application) defined
 * their migration bean. Two tools with two histories over one schema disagree about its version sooner or later.
 * Checks bean definitions, before any bean is created, so it also works with the lazy beans of one-shot modes.
 */
final class OtherMigrationToolsCheck implements BeanFactoryPostProcessor {

    /**
     * Another migration tool.
     *
     * @param name     its name
     * @param beanType the class of the bean that migrates
     * @param property the property that turns its Spring Boot auto-configuration off
     */
    record Tool(String name, String beanType, String property) {
    }

    static final List<Tool> TOOLS = List.of(
            new Tool("Flyway", "org.flywaydb.core.Flyway", "spring.flyway.enabled"),
            new Tool("Liquibase", "liquibase.integration.spring.SpringLiquibase", "spring.liquibase.enabled"));

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (Tool tool : TOOLS) {
            ClassLoader classLoader = beanFactory.getBeanClassLoader();
            if (!ClassUtils.isPresent(tool.beanType(), classLoader)) {
                continue;
            }
            String[] beans = beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(tool.beanType(), classLoader),
                    true, false);
            if (beans.length > 0) {
                throw new OtherMigrationToolException(tool, Arrays.asList(beans));
            }
        }
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
