package io.msr.processtest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A test application with every kind of side effect a one-shot MSR mode must not trigger: runners, a scheduled
 * job, a lifecycle bean standing in for a message listener container, an eager bean, a web server, and a
 * non-daemon thread that would keep the JVM alive.
 */
@SpringBootApplication
@EnableScheduling
public class ProcessTestApplication {

    public static void main(String[] args) {
        Thread keepAlive = new Thread(() -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "non-daemon-keep-alive");
        keepAlive.setDaemon(false);
        keepAlive.start();
        SpringApplication.run(ProcessTestApplication.class, args);
    }
}
