package io.msr.boot.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/**
 * Keeps {@code @Scheduled} methods from running in one-shot modes by removing the post-processor that
 * schedules them. Spring Boot keeps scheduled beans eager even under lazy initialisation, so lazy beans alone do
 * not stop them.
 */
final class SchedulingSuppressor implements BeanDefinitionRegistryPostProcessor {

    static final String SCHEDULED_ANNOTATION_PROCESSOR =
            TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME;

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(SCHEDULED_ANNOTATION_PROCESSOR)) {
            registry.removeBeanDefinition(SCHEDULED_ANNOTATION_PROCESSOR);
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // Everything happens on the registry.
    }
}
