package io.msr.processtest;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The application's own work, each piece leaving a marker when it runs. */
@Configuration(proxyBeanMethods = false)
public class ApplicationSideEffects {

    @Bean
    CommandLineRunner commandLineRunner(SideEffects effects) {
        return args -> effects.happened("command-line-runner");
    }

    @Bean
    ApplicationRunner applicationRunner(SideEffects effects) {
        return (ApplicationArguments args) -> effects.happened("application-runner");
    }

    /** Stands in for a message listener container: a lifecycle bean that starts consuming on refresh. */
    @Bean
    SmartLifecycle messageListenerContainer(SideEffects effects) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
                effects.happened("message-listener");
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    /** A scheduled job. */
    @Component
    static class Ticker {
        private final SideEffects effects;

        Ticker(SideEffects effects) {
            this.effects = effects;
        }

        @Scheduled(fixedRate = 50)
        void tick() {
            effects.happened("scheduled");
        }
    }

    /** An eager bean that does work when created. */
    @Component
    static class EagerCache {
        EagerCache(SideEffects effects) {
            effects.happened("eager-bean");
        }
    }

    /** The web API. */
    @RestController
    static class Hello {
        @GetMapping("/hello")
        String hello() {
            return "hello";
        }
    }
}
