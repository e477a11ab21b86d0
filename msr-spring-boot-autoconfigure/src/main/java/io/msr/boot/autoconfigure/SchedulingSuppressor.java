package io.msr.boot.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * Keeps {@code @Scheduled} beans out of one-shot modes: removes the post-processor that schedules their methods,
 * and the filter by which Spring Boot keeps them eager under lazy initialisation, so they are not even created
 * (their constructors often read tables the migration has yet to create). Does nothing when the mode at run time
 * is not a one-shot mode (an AOT-processed application has this bean whatever mode it was built with).
 */
final class SchedulingSuppressor implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    static final String SCHEDULED_ANNOTATION_PROCESSOR =
            TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME;
    /** The bean name of Spring Boot's {@code ScheduledBeanLazyInitializationExcludeFilter}. */
    static final String SCHEDULED_BEANS_EAGER_FILTER = "scheduledBeanLazyInitializationExcludeFilter";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        MsrMode mode = MsrModeCondition.mode(environment);
        if (mode == null || !mode.oneShot()) {
            return;
        }
        for (String name : new String[] {SCHEDULED_ANNOTATION_PROCESSOR, SCHEDULED_BEANS_EAGER_FILTER}) {
            if (registry.containsBeanDefinition(name)) {
                registry.removeBeanDefinition(name);
            }
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // Everything happens on the registry.
    }
}
