package io.msr.existingapp;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The application's own startup work; none of it may run in a one-shot MSR mode. */
final class StartupWork {

    private StartupWork() {
    }

    /** Warms up from the database once the context is refreshed. */
    @Component
    static class OnRefresh {
        private final Markers markers;
        private final GreetingRepository greetings;

        OnRefresh(Markers markers, GreetingRepository greetings) {
            this.markers = markers;
            this.greetings = greetings;
        }

        @EventListener(ContextRefreshedEvent.class)
        void refreshed() {
            markers.ran("context-refreshed-" + greetings.count());
        }
    }

    /** Announces readiness. */
    @Component
    static class OnReady implements ApplicationListener<ApplicationReadyEvent> {
        private final Markers markers;

        OnReady(Markers markers) {
            this.markers = markers;
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            markers.ran("application-ready");
        }
    }

    /** Primes a cache once every singleton exists (an eager bean: Boot never makes these lazy). */
    @Component
    static class CachePrimer implements SmartInitializingSingleton {
        private final Markers markers;
        private final GreetingRepository greetings;

        CachePrimer(Markers markers, GreetingRepository greetings) {
            this.markers = markers;
            this.greetings = greetings;
        }

        @Override
        public void afterSingletonsInstantiated() {
            markers.ran("smart-initializing-singleton-" + greetings.count());
        }
    }

    /** A scheduled report whose constructor reads the table: it fails on a schema that is not migrated yet. */
    @Component
    static class GreetingReport {
        private final Markers markers;

        GreetingReport(Markers markers, GreetingRepository greetings) {
            this.markers = markers;
            greetings.count();
        }

        @Scheduled(fixedRate = 60_000)
        void report() {
            markers.ran("scheduled");
        }
    }

    /** A command-line runner. */
    @Component
    static class Runner implements CommandLineRunner {
        private final Markers markers;

        Runner(Markers markers) {
            this.markers = markers;
        }

        @Override
        public void run(String... args) {
            markers.ran("command-line-runner");
        }
    }
}
