package io.msr.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.util.StringUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class this module lists in {@code META-INF/spring.factories} is created by Spring's loader, the
 * package-private ones included (Spring makes their constructors accessible).
 */
class SpringFactoriesTest {

    @Test
    void springsLoaderCreatesEveryClassThisModuleLists() throws Exception {
        Properties factories = PropertiesLoaderUtils.loadProperties(
                new FileSystemResource(Path.of("target", "classes", "META-INF", "spring.factories")));
        ClassLoader classLoader = getClass().getClassLoader();
        ArgumentResolver arguments = ArgumentResolver.of(SpringApplication.class, new SpringApplication())
                .and(String[].class, new String[0]);
        assertThat(factories).isNotEmpty();
        for (String type : factories.stringPropertyNames()) {
            List<String> listed = List.of(StringUtils.commaDelimitedListToStringArray(factories.getProperty(type)));
            // Other jars' entries may need arguments this test does not give: only this module's are checked.
            List<String> loaded = SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
                    .load(classLoader.loadClass(type), arguments, SpringFactoriesLoader.FailureHandler.handleMessage(
                            (message, failure) -> { }))
                    .stream().map(factory -> factory.getClass().getName()).toList();
            assertThat(loaded).as(type).containsAll(listed.stream().map(String::trim).toList());
        }
    }
}
